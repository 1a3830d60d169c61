import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { AiOutputError } from './errors';

/** A completion → the validated value, or an AiOutputError saying why it is unusable. */
export function parseReply<T>(completion: ChatCompletion, schema: z.ZodType<T>): T {
  // An endpoint answering 200 with an HTML page (a proxy's login wall, a wrong base URL) hands the
  // SDK a string, not a completion.
  if (typeof completion !== 'object' || completion === null || !Array.isArray(completion.choices)) {
    throw new AiOutputError('malformed', 'reply is not a chat completion');
  }
  const choice = completion.choices[0];
  if (!choice) throw new AiOutputError('empty', 'reply has no choices');
  if (typeof choice.message !== 'object' || choice.message === null) {
    throw new AiOutputError('malformed', 'reply has no message');
  }
  if (choice.message.refusal) throw new AiOutputError('refusal', `model refused: ${choice.message.refusal}`);
  if (choice.finish_reason === 'length') throw new AiOutputError('truncated', 'reply cut at the token limit');
  if (choice.finish_reason === 'content_filter')
    throw new AiOutputError('filtered', 'reply withheld by content filter');
  const content = choice.message.content;
  if (!content) throw new AiOutputError('empty', 'reply has no content');
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new AiOutputError('malformed', 'reply is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new AiOutputError('shape', `reply does not match the schema: ${where}`);
  }
  return parsed.data;
}
