/**
 * The sessions table of the storage port (see `../port.ts`): one row per signed-in browser. A session's `id` is
 * public to its owner (the list of sessions); its token is only ever stored hashed.
 */

export interface SessionRecord {
  id: string;
  /** sha-256 of the bearer token: a leaked database does not leak usable tokens. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  /** When the session was last used (ISO-8601), refreshed at most once a minute (`auth/auth-service.ts`). */
  lastSeenAt: string;
  /** The `User-Agent` of the sign-in request, at most 256 characters; null when there was none. */
  userAgent: string | null;
}

export interface SessionTable {
  create(session: SessionRecord): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  get(tokenHash: string, now: string): Promise<SessionRecord | null>;
  delete(tokenHash: string): Promise<void>;
  /** Removes sessions expired at `now`; returns how many. (MongoDB's TTL index does this by itself too.) */
  purgeExpired(now: string): Promise<number>;
  /** Sets a session's `lastSeenAt`. */
  touch(tokenHash: string, lastSeenAt: string): Promise<void>;
  /** The user's sessions live at `now`, most recently seen first (then newest first, then by id). */
  listByUser(userId: string, now: string): Promise<SessionRecord[]>;
  /** The user's session with this public id (live or not), or null: another person's id is null. */
  byId(userId: string, id: string): Promise<SessionRecord | null>;
  /**
   * Removes every session of the user but the one with id `exceptId` (all of them when it is undefined) and
   * answers the removed ones, so their sockets can be closed.
   */
  deleteByUser(userId: string, exceptId?: string): Promise<SessionRecord[]>;
  /**
   * Which of these token hashes belong to sessions live at `now`: one query for many sockets (the session guard's
   * sweep, `realtime/session-guard.ts`).
   */
  liveAmong(tokenHashes: string[], now: string): Promise<Set<string>>;
}
