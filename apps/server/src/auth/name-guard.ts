import { nameSkeleton } from '@pairchat/schema';
import type { Store } from '../store/port.ts';

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
    const users = await store.searchUsers('', '', SCAN_LIMIT);
    return users.some((u) => nameSkeleton(u.name) === skeleton);
  };
}
