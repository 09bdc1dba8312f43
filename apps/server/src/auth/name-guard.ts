import { nameKey, nameSkeleton } from '@pairchat/schema';
import { NameTakenError, type UnmigratedUser, type UserTable } from '../store/port.ts';

/** Users read per page while migrating. */
const PAGE = 500;

/**
 * Brings users stored before the schema's name rules up to them, once, at start-up (`app.ts`, before any route
 * listens), the same way on every adapter. Before those rules a user's key was `legacyNameKey(name)` (NFKC, then
 * toLowerCase) and no skeleton was stored; now the key is `nameKey(name)` (width mapping, NFC, Unicode full case
 * folding) and `nameSkeleton(name)` (UTS #39 §4) is stored under a unique index. The two keys agree for most names
 * (ASCII, CJK, Cyrillic…) and differ where folding and lower-casing differ: ß/ẞ ("straße" → "strasse"), final sigma
 * ("σοφός" → "σοφόσ"), Cherokee, İ, ligatures, and compatibility characters NFKC used to fold ("a²" kept "a2").
 *
 * For each user without a skeleton, oldest first (the earlier account keeps what is contested):
 *   1. when `nameKey(name)` differs from the stored key, set it — unless another user already holds that key
 *      ("strasse" next to "Straße"): then the legacy key stays, and login's fallback (`AuthService.login` looks a name
 *      up by `nameKey`, then by `legacyNameKey`) still finds the account by a spelling whose legacy key matches;
 *   2. store `nameSkeleton(name)`; a look-alike of an earlier user ("ana" + U+034F next to "ana") keeps its account,
 *      with its skeleton suffixed by U+0000 and its id, so the index stays unique and the earlier name keeps the plain
 *      skeleton (which still refuses any new look-alike).
 * Idempotent and safe to run from several processes at once: each step is one write that a unique index guards, and
 * every process goes oldest first, so the earlier account wins either way. Once no stored key differs from
 * `nameKey(name)`, login's legacy fallback can go. Answers how many users it migrated.
 */
export async function migrateStoredNames(users: UserTable): Promise<number> {
  let migrated = 0;
  let previousFirst: string | undefined;
  for (;;) {
    const page = await users.withoutSkeleton(PAGE);
    if (page.length === 0) return migrated;
    // Every user of a page gets a skeleton, so a page never comes back; if one did, stop rather than spin.
    if (page[0]!.id === previousFirst) throw new Error(`user ${previousFirst} keeps coming back without a skeleton`);
    previousFirst = page[0]!.id;
    for (const user of page) await migrateUser(users, user);
    migrated += page.length;
  }
}

async function migrateUser(users: UserTable, user: UnmigratedUser): Promise<void> {
  const key = nameKey(user.name);
  if (key !== user.nameKey) await unlessTaken(users.setNameKey(user.id, key));
  const skeleton = nameSkeleton(user.name);
  if (!(await unlessTaken(users.setSkeleton(user.id, skeleton)))) {
    await users.setSkeleton(user.id, `${skeleton}\u0000${user.id}`);
  }
}

/** Whether the write went through; false when a unique index refused it (another user holds the value). */
async function unlessTaken(write: Promise<void>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (err instanceof NameTakenError) return false;
    throw err;
  }
}
