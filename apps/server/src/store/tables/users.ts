/**
 * The users table of the storage port (see `../port.ts`): accounts, their sign-in name's keys, their profile
 * (display name, avatar) and their state (disabled by the server's owner, deleted by themselves).
 */
import type { User } from '@pairchat/schema';
import { DuplicateError } from '../unavailable.ts';

export interface UserRecord extends User {
  /**
   * The name folded for case-insensitive uniqueness and prefix search (`nameKey` of `@pairchat/schema`); unique. An
   * account stored before Unicode case folding may still hold its `legacyNameKey` (see `auth/name-guard.ts`).
   */
  nameKey: string;
  /**
   * The name's confusable skeleton (`nameSkeleton`, UTS #39 §4); unique, so two names that look alike cannot both
   * be taken, even by two registrations at once. A look-alike stored before skeletons were (see
   * `auth/name-guard.ts`) holds its skeleton suffixed with U+0000 and its id.
   */
  nameSkeleton: string;
  passwordHash: string;
  createdAt: string;
}

/** A user as found by name or id: a user stored before skeletons were has none until start-up fills it in. */
export interface StoredUser extends Omit<UserRecord, 'nameSkeleton'> {
  nameSkeleton: string | null;
  /** Disabled by the server's owner (the admin tool): cannot sign in. */
  disabled: boolean;
}

/** A user as stored before skeletons were: what `users.withoutSkeleton` answers. */
export type UnmigratedUser = Pick<UserRecord, 'id' | 'name' | 'nameKey' | 'createdAt'>;

/** One line of the owner's list of accounts (`users.list`, the admin tool). */
export interface AccountSummary {
  id: string;
  name: string;
  displayName: string | null;
  disabled: boolean;
  deleted: boolean;
  createdAt: string;
}

/** Which unique index of the users refused a write: the name key (same name) or the skeleton (a look-alike). */
export type NameIndex = 'nameKey' | 'nameSkeleton';

/** A `DuplicateError` from the users' unique indexes, naming which one refused the write. */
export class NameTakenError extends DuplicateError {
  constructor(readonly index: NameIndex) {
    super(index === 'nameKey' ? 'name taken' : 'a look-alike name is taken');
  }
}

/** What `users.setProfile` changes: a field left out stays; null removes it. */
export interface ProfileChange {
  displayName?: string | null;
  /** A media id (the square copy the server made), or null. */
  avatar?: string | null;
}

/**
 * The contract's User as every primitive answers it: `displayName` and `avatar` null when unset, `deleted` false
 * for a live account. Field by field, so nothing stored (hash, keys) leaks out.
 */
export function toUser(u: {
  id: string;
  name: string;
  displayName?: string | null | undefined;
  avatar?: string | null | undefined;
  deleted?: boolean | null | undefined;
}): User {
  return {
    id: u.id,
    name: u.name,
    displayName: u.displayName ?? null,
    avatar: u.avatar ?? null,
    deleted: u.deleted === true,
  };
}

export interface UserTable {
  /**
   * @throws NameTakenError (a DuplicateError) when the name key or the skeleton is taken, naming which; when both
   *   are, `nameKey`.
   */
  create(user: UserRecord): Promise<void>;
  /** Users stored before skeletons were (none stored), oldest first (by `createdAt`, then id); at most `limit`. */
  withoutSkeleton(limit: number): Promise<UnmigratedUser[]>;
  /** Sets a user's name key. @throws NameTakenError (`nameKey`) when another user holds it. */
  setNameKey(id: string, nameKey: string): Promise<void>;
  /** Sets a user's skeleton. @throws NameTakenError (`nameSkeleton`) when another user holds it. */
  setSkeleton(id: string, nameSkeleton: string): Promise<void>;
  findByNameKey(nameKey: string): Promise<StoredUser | null>;
  /** The whole record of a user (hash, state), for a password check or the admin tool; null when unknown. */
  account(id: string): Promise<StoredUser | null>;
  /** A user, deleted or not (a deleted one still names the sender of old messages), or null when unknown. */
  get(id: string): Promise<User | null>;
  /**
   * Users other than `excludeId`, not deleted, whose name key contains `keyPart` anywhere (contract: the directory
   * matches "any part of a name"), by name key. A scan of the name keys (of the index, on MongoDB): a directory is
   * small beside the messages, and a substring has no prefix to seek to.
   */
  search(excludeId: string, keyPart: string, limit: number): Promise<User[]>;
  /** Sets the profile fields given; the user afterwards, or null when unknown or deleted. */
  setProfile(id: string, change: ProfileChange): Promise<User | null>;
  /** Replaces the password hash; false when there is no such live (not deleted) user. */
  setPasswordHash(id: string, passwordHash: string): Promise<boolean>;
  /** Disables or enables an account (the admin tool); false when there is no such live user. */
  setDisabled(id: string, disabled: boolean): Promise<boolean>;
  /**
   * Marks an account deleted for good: no password (no hash can match), no display name, no avatar, `deleted`
   * true. Its name stays taken (see `account/account-service.ts`), so no one can take over a deleted person's name
   * in the histories that still show it. false when unknown or already deleted.
   */
  markDeleted(id: string, deletedAt: string): Promise<boolean>;
  /** Every account, by name key, at most `limit`, after the name key `afterKey` when given (the admin tool's list). */
  list(limit: number, afterKey?: string): Promise<(AccountSummary & { nameKey: string })[]>;
  /** Whether some live user's avatar is this media id (the avatar is then readable by every signed-in person). */
  isAvatar(mediaId: string): Promise<boolean>;
}
