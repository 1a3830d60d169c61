import { AiOutputError, AiUnavailableError } from '../ai/errors';

/**
 * What the server log learns about a failed model call: which feature, what kind of failure, how
 * many mails. Never the mail, never the model's text (a malformed reply can echo the mail).
 */
export class AiCallFailure extends Error {
  override readonly name = 'AiCallFailure';

  static from(feature: 'triage' | 'summary' | 'brief', error: unknown, mails: number): AiCallFailure {
    if (error instanceof AiUnavailableError) {
      const status = error.details.status === undefined ? '' : ` (HTTP ${error.details.status})`;
      return new AiCallFailure(
        `AI ${feature} unavailable: ${error.reason}${status} after ${error.details.attempts} attempts, ${mails} mails fall back on rules`,
      );
    }
    if (error instanceof AiOutputError) {
      return new AiCallFailure(
        `AI ${feature} output unusable: ${error.kind} after ${error.attempts} attempts, ${mails} mails fall back on rules`,
      );
    }
    return new AiCallFailure(`AI ${feature} failed unexpectedly, ${mails} mails fall back on rules`);
  }
}
