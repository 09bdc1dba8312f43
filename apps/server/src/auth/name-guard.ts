import { nameSkeleton } from '@pairchat/schema';
import type { Store } from '../store/port.ts';

/*
 * Stored name keys and skeletons. Before the schema's rules a user's key was `legacyNameKey(name)` (NFKC, then
 * toLowerCase); now it is `nameKey(name)` (width mapping, NFC, Unicode full case folding). They agree for most
 * names (ASCII, CJK, Cyrillic…) and differ where folding and lower-casing differ: ß/ẞ ("straße" → "strasse"), final
 * sigma ("σοφός" → "σοφόσ"), Cherokee, İ, ligatures, and compatibility characters NFKC used to fold ("a²" kept "a2").
 * Login looks a name up by `nameKey`, then by `legacyNameKey`, so an account whose key was never rewritten still
 * signs in. A migration of stored users must, for each user, oldest first:
 *   1. compute `nameKey(user.name)` (the stored name is the display name, NFC); when it equals the stored key, go on;
 *   2. otherwise set the key to it, unless another user already holds that key ("strasse" next to "Straße"): then
 *      keep the legacy key (the login fallback finds it, by a spelling whose legacy key matches);
 *   3. store `nameSkeleton(user.name)`; an existing look-alike of an earlier user ("ana" + U+034F next to "ana")
 *      keeps its account but cannot hold the same skeleton under a unique index: store it suffixed (e.g. with
 *      "\u0000" + id) so the index can be unique and the earlier name keeps the plain skeleton.
 * Once no stored key differs from `nameKey(name)`, the legacy fallback in login can go.
 */

/** Whether a taken name has this confusable skeleton (`nameSkeleton` of `@pairchat/schema`, UTS #39 §4). */
export type IsSkeletonTaken = (skeleton: string) => Promise<boolean>;

/** Far above any server's accounts: the scan below reads every user in one page. */
const SCAN_LIMIT = 1_000_000;

/**
 * Answers {@link IsSkeletonTaken} by reading every user through the store's user search (an empty prefix matches every
 * name key) and computing each name's skeleton: O(users) per registration, which registration's rate limits keep
 * rare. A stopgap until the store keeps each user's skeleton in a unique, indexed column; then pass the store's lookup
 * as `isSkeletonTaken` instead. A check before an insert can race a concurrent registration; the unique column closes
 * that too.
 */
export function skeletonTakenByScan(store: Store): IsSkeletonTaken {
  return async (skeleton) => {
    const users = await store.users.search('', '', SCAN_LIMIT);
    return users.some((u) => nameSkeleton(u.name) === skeleton);
  };
}
