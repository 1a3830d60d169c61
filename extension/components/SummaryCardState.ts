/**
 * What the thread summary card shows, and the checks on what the background answers. The content
 * script carries no schema library, and only our own background can answer a runtime message, so
 * answers get a structural check; every string still reaches the page as a React text node.
 */
import type { ActionItem, AiStatus, ErrorCode, ThreadSummary } from '../../shared/schemas';

export interface CardError {
  code: ErrorCode;
  message: string;
}

export interface SummaryCardState {
  summary: ThreadSummary | null;
  /** 'local': the content script's own rules summary; 'api': the background's answer. */
  origin: 'local' | 'api';
  /** Waiting for the background. */
  pending: boolean;
  error: CardError | null;
  /** The page hid text in a body (white on white, display:none…); it was left out. */
  hiddenTextRemoved: boolean;
  /** Zero-width, tag or direction-control characters were stripped. */
  invisibleRemoved: boolean;
  /** Titles of action items already stored as tasks. */
  added: ReadonlySet<string>;
  adding: ReadonlySet<string>;
}

export const EMPTY_CARD: SummaryCardState = {
  summary: null,
  origin: 'local',
  pending: true,
  error: null,
  hiddenTextRemoved: false,
  invisibleRemoved: false,
  added: new Set(),
  adding: new Set(),
};

export type SummaryAnswer = { ok: true; summary: ThreadSummary } | { ok: false; error: CardError };

function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null;
}

function stringList(raw: unknown): raw is string[] {
  return Array.isArray(raw) && raw.every((item) => typeof item === 'string');
}

function isActionItem(raw: unknown): raw is ActionItem {
  return (
    isRecord(raw) &&
    typeof raw.text === 'string' &&
    (raw.owner === undefined || typeof raw.owner === 'string') &&
    (raw.due === undefined || typeof raw.due === 'string')
  );
}

function isSummary(raw: unknown): raw is ThreadSummary {
  return (
    isRecord(raw) &&
    typeof raw.summary === 'string' &&
    stringList(raw.keyPoints) &&
    Array.isArray(raw.actionItems) &&
    raw.actionItems.every(isActionItem) &&
    (raw.source === 'ai' || raw.source === 'rules') &&
    typeof raw.engine === 'string' &&
    typeof raw.aiStatus === 'string' &&
    typeof raw.suspicious === 'boolean' &&
    stringList(raw.notes) &&
    typeof raw.at === 'string'
  );
}

export function parseSummaryAnswer(raw: unknown): SummaryAnswer | null {
  if (!isRecord(raw)) return null;
  if (raw.ok === true && isSummary(raw.summary)) return { ok: true, summary: raw.summary };
  const error = raw.error;
  if (
    raw.ok === false &&
    isRecord(error) &&
    typeof error.code === 'string' &&
    typeof error.message === 'string'
  )
    return { ok: false, error: { code: error.code as ErrorCode, message: error.message } };
  return null;
}

export function parseTaskTitles(raw: unknown): string[] {
  return isRecord(raw) && raw.ok === true && stringList(raw.titles) ? raw.titles : [];
}

export function isTaskStored(raw: unknown): boolean {
  return isRecord(raw) && raw.ok === true && typeof raw.id === 'string';
}

export function messagesLabel(count: number): string {
  return count === 1 ? '1 message' : `${count} messages`;
}

/** "AI · gpt-4o-mini" or "Rules": where the words on the card came from. */
export function sourceLabel(summary: ThreadSummary): string {
  return summary.source === 'ai' ? `AI · ${summary.engine}` : 'Rules';
}

/** The line that explains why the card shows the local rules instead of the API's answer. */
export function errorLine(error: CardError): string {
  switch (error.code) {
    case 'budget_exceeded':
      return `AI budget spent for today: ${error.message}. Showing the local rules summary.`;
    case 'unavailable':
      return 'Offline: the Brody API cannot be reached. Showing the local rules summary.';
    case 'rate_limited':
      return 'The Brody API is busy (rate limited). Showing the local rules summary.';
    default:
      return `The Brody API answered with an error (${error.message}). Showing the local rules summary.`;
  }
}

const AI_STATUS_NOTES: Partial<Record<AiStatus, string>> = {
  unconfigured: 'AI is not set up on the API; rules answered',
  budget_exceeded: 'AI budget spent for today; rules answered',
  unavailable: 'the AI did not answer; rules answered',
  invalid_output: 'the AI answered unusably; rules answered',
};

/** Notes from the API plus what this page itself removed, without repeats. */
export function cardNotes(state: SummaryCardState): string[] {
  const notes = [...(state.summary?.notes ?? [])];
  const aiNote = state.summary ? AI_STATUS_NOTES[state.summary.aiStatus as AiStatus] : undefined;
  if (aiNote) notes.push(aiNote);
  if (state.hiddenTextRemoved) notes.push('hidden text removed');
  if (state.invisibleRemoved) notes.push('invisible characters removed');
  return [...new Set(notes)];
}

/** "2026-11-26" → "Thu, Nov 26" in the reader's locale; other strings are shown as they are. */
export function dueLabel(due: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
  if (!match) return due;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
}

export function timeLabel(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}
