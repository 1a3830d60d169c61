/** The options page's view of the API's AI: never throws, so the page can show an error state. */
import type { AiInfoAnswer } from '../platform/messages';
import { type ApiClient, ApiClientError } from './api-client';

export async function fetchAiInfo(api: ApiClient): Promise<AiInfoAnswer> {
  try {
    return { ok: true, info: await api.ai() };
  } catch (error) {
    const failure = error instanceof ApiClientError ? error : new ApiClientError('internal', String(error));
    return { ok: false, error: failure.toJSON() };
  }
}
