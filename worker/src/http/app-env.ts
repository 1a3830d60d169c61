import type { AiProvider } from '../ai/provider';
import type { AiSettings } from '../ai/settings';
import type { AiMemo } from '../cache/ai-memo';
import type { Database } from '../db/database';

/** Who a request acts for: the user and device named by its access token. */
export interface ApiUser {
  id: string;
  deviceId: string;
}

/** The model (null when no key is configured) and how the API may spend it. */
export interface AiRuntime {
  provider: AiProvider | null;
  settings: AiSettings;
}

/** What middleware puts on `c.var` for every route. */
export interface AppEnv {
  Variables: {
    db: Database;
    ai: AiRuntime;
    /** Set by the auth middleware on every /v1 route but sign-in. */
    user: ApiUser;
    /** The client's address when the runtime knows it; null for in-process calls. */
    clientIp: string | null;
    /** Where failures that do not fail the request are logged; never the mail's content. */
    reportError: (error: unknown) => void;
    /** Model answers the database could not keep, and model calls in flight. */
    aiMemo: AiMemo;
  };
}
