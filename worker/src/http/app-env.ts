import type { Database } from '../db/database';

export interface ApiUser {
  id: string;
}

/** What middleware puts on `c.var` for every route. */
export interface AppEnv {
  Variables: {
    db: Database;
    user: ApiUser;
  };
}
