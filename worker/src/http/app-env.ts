import type { AiProvider } from '../ai/provider';
import type { AiSettings } from '../ai/settings';
import type { AiMemo } from '../cache/ai-memo';
import type { Database } from '../db/database';

export interface ApiUser {
  id: string;
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
    user: ApiUser;
    /** Where failures that do not fail the request are logged; never the mail's content. */
    reportError: (error: unknown) => void;
    /** Model answers the database could not keep, and model calls in flight. */
    aiMemo: AiMemo;
  };
}
