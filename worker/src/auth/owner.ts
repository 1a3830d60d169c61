/**
 * The self-hosted API's owner. Before accounts every row belonged to the one local user `local`;
 * that id stays the owner's (worker/drizzle/0004_row_security.sql makes sure the row exists), so a
 * pairing code signs in to all the data kept so far.
 */
export const OWNER_USER_ID = 'local';
