/**
 * The content script's end of the triage port. Only the background can post on this port (the
 * browser guarantees it), so replies get a structural check rather than a full schema parse; the
 * port closes with the feature run's signal. A dead background (extension reloaded) is not an error for the page:
 * badges simply stay on the local rule engine's result.
 */
import { browser } from 'wxt/browser';
import { LIMITS } from '../../shared/limits';
import type { MessageSummaryInput } from '../../shared/schemas';
import type { PortReply, TriageBatchMessageInput } from './messages';
import { TRIAGE_PORT } from './port-names';

function isPortReply(raw: unknown): raw is PortReply {
  if (typeof raw !== 'object' || raw === null) return false;
  const reply = raw as { type?: unknown; results?: unknown; error?: unknown };
  if (reply.type === 'triage-results') return Array.isArray(reply.results);
  return reply.type === 'triage-error' && typeof reply.error === 'object' && reply.error !== null;
}

export interface TriageConnection {
  /** Posts the messages in batches; returns the batch number each message went out in. */
  send(messages: readonly MessageSummaryInput[]): number[];
}

type Port = ReturnType<typeof browser.runtime.connect>;

export function connectTriage(signal: AbortSignal, onReply: (reply: PortReply) => void): TriageConnection {
  let port: Port | null = null;
  let batch = 0;

  // MV3 may stop the service worker, which closes the port; the next send opens a new one.
  const open = (): Port | null => {
    if (port || signal.aborted) return port;
    try {
      const opened = browser.runtime.connect({ name: TRIAGE_PORT });
      opened.onMessage.addListener((raw: unknown) => {
        if (isPortReply(raw) && !signal.aborted) onReply(raw);
      });
      opened.onDisconnect.addListener(() => {
        if (port === opened) port = null;
      });
      port = opened;
    } catch {
      // The extension was reloaded or removed: this page keeps its local badges.
      port = null;
    }
    return port;
  };
  signal.addEventListener('abort', () => port?.disconnect(), { once: true });
  open();

  return {
    send(messages) {
      open();
      const numbers: number[] = [];
      for (let start = 0; start < messages.length; start += LIMITS.triageBatch) {
        const chunk = messages.slice(start, start + LIMITS.triageBatch);
        const message: TriageBatchMessageInput = { type: 'triage', batch: batch++, messages: chunk };
        numbers.push(...chunk.map(() => message.batch));
        try {
          port?.postMessage(message);
        } catch {
          port = null;
        }
      }
      return numbers;
    },
  };
}
