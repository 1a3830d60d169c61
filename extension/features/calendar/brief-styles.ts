/** The brief panel's CSS, inside its shadow root: Calendar's styles cannot reach it, nor ours Calendar. */
export const BRIEF_PANEL_CSS = `
:host { all: initial; }
.panel { position: fixed; top: 72px; right: 12px; bottom: 16px; width: 340px; z-index: 2147483000;
  display: flex; flex-direction: column; background: #fff; color: #202124; border: 1px solid #dadce0;
  border-radius: 12px; box-shadow: 0 4px 16px rgba(0,0,0,.18); font: 13px/1.45 system-ui, sans-serif; }
.panel[data-open="false"] { bottom: auto; width: auto; }
header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #eee; }
header h2 { font-size: 14px; margin: 0; flex: 1; }
.body { overflow: auto; padding: 8px 12px 12px; }
.panel[data-open="false"] .body { display: none; }
h3 { font-size: 15px; margin: 4px 0; } h4 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #5f6368; margin: 12px 0 4px; }
ul { margin: 0; padding-left: 18px; } li { margin: 2px 0; }
.muted { color: #5f6368; } .flag { background: #fef7e0; border: 1px solid #f9ab00; border-radius: 6px; padding: 6px 8px; margin: 8px 0; }
.flag q { display: block; font-style: italic; overflow-wrap: anywhere; }
.attendee { list-style: none; margin: 6px 0 6px -18px; } .attendee > .who { font-weight: 600; }
.urgency-high { color: #c5221f; font-weight: 600; }
button, select { font: inherit; } button { cursor: pointer; border: 1px solid #dadce0; background: #f8f9fa; border-radius: 6px; padding: 2px 8px; }
a { color: #1a73e8; } .source { margin-top: 12px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
label { display: block; }
`;
