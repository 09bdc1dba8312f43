/**
 * The blocks table of the storage port (see `../port.ts`): whom each person has blocked (WeChat's 加入黑名单). What a
 * block means (a refused send, no presence or typing) is decided above the port, in `contacts/messaging-policy.ts`.
 */

/** `ownerId` has blocked `blockedId` since `date` (ISO 8601). */
export interface BlockRecord {
  ownerId: string;
  blockedId: string;
  date: string;
}

/** Blocks, keyed by (owner, blocked); each lookup below is one read of a primary key or an index. */
export interface BlockTable {
  /** Adds the block; true when it is new (blocking twice keeps the first date). */
  add(ownerId: string, blockedId: string, date: string): Promise<boolean>;
  /** Removes the block; true when there was one. */
  remove(ownerId: string, blockedId: string): Promise<boolean>;
  /** Whether `ownerId` has blocked `blockedId`: one primary-key read (the send path asks this). */
  has(ownerId: string, blockedId: string): Promise<boolean>;
  /** Whom the owner has blocked, newest first (`date`, then id). */
  list(ownerId: string): Promise<BlockRecord[]>;
  /** Who has blocked this person (their owners' ids), through an index on the blocked id. */
  blockersOf(blockedId: string): Promise<string[]>;
  /** Removes every block the person made or is under (account deletion). */
  forgetUser(userId: string): Promise<void>;
}
