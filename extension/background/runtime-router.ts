/**
 * Answers one-shot runtime messages (popup, options). The sender is checked before the shape, and
 * both before anything runs; refusals say only which check failed.
 */
import { type ApiStatus, type Rejection, RuntimeRequest, type UrgencyCounts } from '../platform/messages';
import { type ApiClient, ApiClientError } from './api-client';
import { type BrodyDatabase, countByUrgency } from './db';
import { isTrustedSender, type SenderInfo } from './sender-check';

export interface RuntimeRouterDeps {
  runtimeId: string;
  extensionOrigin: string;
  db: BrodyDatabase;
  api: ApiClient;
  apiUrl: () => Promise<string>;
}

export type RuntimeAnswer = ApiStatus | UrgencyCounts | Rejection;

async function checkApi(api: ApiClient, apiUrl: string): Promise<ApiStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const health = await api.health(apiUrl);
    return { apiUrl, reachable: true, health, checkedAt };
  } catch (error) {
    const failure = error instanceof ApiClientError ? error : new ApiClientError('internal', String(error));
    return { apiUrl, reachable: false, error: failure.toJSON(), checkedAt };
  }
}

export function createRuntimeRouter(deps: RuntimeRouterDeps) {
  return async function route(message: unknown, sender: SenderInfo): Promise<RuntimeAnswer> {
    if (!isTrustedSender(sender, deps.runtimeId, deps.extensionOrigin))
      return { rejected: true, reason: 'sender' };
    const parsed = RuntimeRequest.safeParse(message);
    if (!parsed.success) return { rejected: true, reason: 'shape' };
    const request = parsed.data;
    switch (request.type) {
      case 'status':
        return checkApi(deps.api, await deps.apiUrl());
      case 'test-connection':
        return checkApi(deps.api, request.apiUrl);
      case 'counts':
        return countByUrgency(deps.db);
    }
  };
}
