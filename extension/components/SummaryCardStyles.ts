/**
 * The card's stylesheet, injected into its shadow root: Gmail's CSS cannot reach in and ours cannot
 * leak out. The palette follows Gmail's theme (`data-theme` on the host), not the OS setting.
 */
export const SUMMARY_CARD_CSS = `
:host { all: initial; display: block; margin: 0 0 16px; }
:host([hidden]) { display: none; }
.card {
  --bg: #f8fafd; --fg: #1f1f1f; --muted: #5f6368; --line: #dadce0; --accent: #0b57d0;
  --warn-bg: #fef7e0; --warn-fg: #7a4a00; --err-bg: #fce8e6; --err-fg: #a50e0e; --ok: #137333;
  box-sizing: border-box; max-width: 880px; padding: 12px 16px; border: 1px solid var(--line);
  border-radius: 12px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 "Google Sans", Roboto, system-ui, sans-serif;
}
:host([data-theme=dark]) .card {
  --bg: #2d2e30; --fg: #e8eaed; --muted: #9aa0a6; --line: #5f6368; --accent: #a8c7fa;
  --warn-bg: #4a3b00; --warn-fg: #fde293; --err-bg: #5c1d1d; --err-fg: #f6aea9; --ok: #81c995;
}
.head { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; flex-wrap: wrap; }
.title { margin: 0; font-size: 15px; font-weight: 600; }
.source { margin: 0; color: var(--muted); font-size: 12px; }
.source-label { font-weight: 600; }
.status { margin: 6px 0 0; color: var(--muted); font-size: 12px; }
.error, .warning { margin: 8px 0 0; padding: 6px 10px; border-radius: 8px; font-size: 13px; }
.error { background: var(--err-bg); color: var(--err-fg); }
.warning { background: var(--warn-bg); color: var(--warn-fg); }
.summary { margin: 8px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.section { margin: 12px 0 4px; font-size: 13px; font-weight: 600; color: var(--muted); }
.points, .items, .notes { margin: 0; padding-left: 20px; }
.points li, .notes li { overflow-wrap: anywhere; }
.items { list-style: none; padding: 0; }
.item { display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; padding: 6px 0; border-top: 1px solid var(--line); }
.item-text { overflow-wrap: anywhere; }
.item-meta { grid-column: 1; display: flex; gap: 12px; color: var(--muted); font-size: 12px; }
.add-task {
  grid-column: 2; grid-row: 1 / span 2; align-self: center; padding: 4px 12px; border-radius: 16px;
  border: 1px solid var(--line); background: transparent; color: var(--accent); font: inherit;
  font-size: 13px; cursor: pointer;
}
.add-task:hover:not(:disabled) { background: color-mix(in srgb, var(--accent) 10%, transparent); }
.add-task:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.add-task[data-brody-added=true] { color: var(--ok); border-color: transparent; cursor: default; }
.empty { margin: 0; color: var(--muted); }
.notes { margin-top: 10px; color: var(--muted); font-size: 12px; }
`;
