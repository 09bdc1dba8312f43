import type { RefusalReason } from '@pairchat/schema';
import type { Store } from '../store/port.ts';

/**
 * `MESSAGING` (config.ts): `everyone`, anyone on the server may write to anyone; `contacts`, only contacts may write
 * to each other (contract: "Contacts, blocking and who may write to whom").
 */
export type Messaging = 'everyone' | 'contacts';

/**
 * Who may write to whom and who hears whom, as the chat service asks it (contract: "Contacts, blocking and who may
 * write to whom"). A person I blocked cannot send to me, cannot open a new chat with me, and gets neither my presence
 * nor my typing (WeChat's blacklist, 加入黑名单: their messages are "rejected by the recipient", 被对方拒收了); a block
 * does not remove a contact, as in WeChat.
 *
 * Cost on the send path: one primary-key read of `blocks` per send (SQLite: a prepared statement on the key of a
 * WITHOUT ROWID table, no I/O beyond the page cache; MongoDB: one `_id` read); with `MESSAGING=contacts` also one
 * `_id`/primary-key read of `contacts`, issued at the same time. No cache: a cache would need invalidation on every
 * process at the moment a block lands, and a read of a key is already cheaper than that machinery.
 */
export class MessagingPolicy {
  constructor(
    private readonly store: Pick<Store, 'blocks' | 'contacts'>,
    readonly messaging: Messaging,
  ) {}

  /** Why `fromId` may not send to `toId` (`blocked`, `not_contact`), or null when they may. */
  async refusal(fromId: string, toId: string): Promise<RefusalReason | null> {
    if (this.messaging === 'everyone') return (await this.store.blocks.has(toId, fromId)) ? 'blocked' : null;
    const [blocked, contact] = await Promise.all([
      this.store.blocks.has(toId, fromId),
      this.store.contacts.get(fromId, toId),
    ]);
    if (blocked) return 'blocked';
    return contact ? null : 'not_contact';
  }

  /** Whether `blocker` has blocked `blocked` (a new chat with the blocker is refused). */
  isBlocked(blocker: string, blocked: string): Promise<boolean> {
    return this.store.blocks.has(blocker, blocked);
  }

  /** Whether either of the two has blocked the other: typing goes neither way between them. */
  async apart(a: string, b: string): Promise<boolean> {
    const [ab, ba] = await Promise.all([this.store.blocks.has(a, b), this.store.blocks.has(b, a)]);
    return ab || ba;
  }

  /**
   * Of the people `online`, those `viewerId` may see online: a person who blocked the viewer shows offline to them
   * (the chat list's, the directory's and the contacts' `online`). One indexed read of who blocked the viewer. Takes
   * the set from the presence port and answers it, without those people.
   */
  async visibleOnline(viewerId: string, online: Set<string>): Promise<Set<string>> {
    if (online.size === 0) return online;
    const blockers = await this.store.blocks.blockersOf(viewerId);
    for (const blocker of blockers) online.delete(blocker);
    return online;
  }

  /** The people `userId` has blocked: they are not told of `userId`'s presence. */
  async blockedBy(userId: string): Promise<Set<string>> {
    return new Set((await this.store.blocks.list(userId)).map((b) => b.blockedId));
  }

  /** `ownerId`'s remark for `contactId` (备注), `""` when none or not a contact: the title of a push about them. */
  async remarkOf(ownerId: string, contactId: string): Promise<string> {
    return (await this.store.contacts.get(ownerId, contactId))?.remark ?? '';
  }
}
