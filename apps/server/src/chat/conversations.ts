import { pairKey, type Message, type User } from '@pairchat/schema';
import type { MessagePage, NewMessage, Store } from '../store/port.ts';
import { deleted, nextReadSeq, reopened, toChatBox, unreadFloor, visibleAbove, type ChatBox } from './rules.ts';

export interface ReadResult {
  chat: ChatBox;
  /** The read watermark moved forward. */
  advanced: boolean;
  /** The peer's chat box, if they have one visible, for the read receipt. */
  peerChatId: string | null;
}

export interface Appended {
  message: Message;
  /** false for an idempotent resend: nothing new was stored. */
  created: boolean;
  senderChat: ChatBox;
  recipientChat: ChatBox;
}

/**
 * The rules (`rules.ts`) run against the store's primitives, the same for every adapter. Each read-modify-write
 * runs inside `store.exclusive(pair)`, so a send to the same pair does not land between its read and its write.
 */
export class Conversations {
  constructor(private readonly store: Store) {}

  /** Finds the owner's visible box with the peer, or makes it, or brings a deleted one back (`created`: true). */
  open(ownerId: string, peer: User, newId: string, now: string): Promise<{ chat: ChatBox; created: boolean }> {
    const chatKey = pairKey(ownerId, peer.id);
    return this.store.exclusive(chatKey, async () => {
      const existing = await this.store.chats.find(ownerId, peer.id);
      if (existing && !existing.hidden) return { chat: toChatBox(existing), created: false };
      if (existing) {
        const back = await this.store.chats.update(existing.id, reopened(now));
        return { chat: toChatBox(back!), created: true };
      }
      const { box, inserted } = await this.store.chats.insert({ id: newId, ownerId, peer, chatKey, now });
      return { chat: toChatBox(box), created: inserted };
    });
  }

  /** The owner's box with this id, unless deleted. */
  async get(ownerId: string, chatId: string): Promise<ChatBox | null> {
    const box = await this.store.chats.byId(ownerId, chatId);
    return box && !box.hidden ? toChatBox(box) : null;
  }

  /** The owner's visible boxes, most recent activity first. */
  async list(ownerId: string): Promise<ChatBox[]> {
    return (await this.store.chats.listVisible(ownerId)).map(toChatBox);
  }

  /** Deletes the box and every message so far for its owner only. false if there is no such visible box. */
  async hide(ownerId: string, chatId: string): Promise<boolean> {
    const box = await this.get(ownerId, chatId);
    if (!box) return false;
    return this.store.exclusive(box.chatKey, async () => {
      const current = await this.store.chats.byId(ownerId, chatId);
      if (!current || current.hidden) return false;
      await this.store.chats.update(chatId, deleted(await this.store.messages.newestSeq(box.chatKey)));
      return true;
    });
  }

  /** A page of the pair's messages that the box's owner can see. */
  messages(box: ChatBox, page: { before?: number | undefined; after?: number | undefined; limit: number }) {
    return this.store.messages.list({
      chatKey: box.chatKey,
      above: visibleAbove(box),
      before: page.before,
      after: page.after,
      limit: page.limit,
    }) satisfies Promise<MessagePage>;
  }

  /** Moves the owner's read mark forward to `seq` (clamped), recounts unread, and records the peer's read mark. */
  async markRead(ownerId: string, chatId: string, seq: number): Promise<ReadResult | null> {
    const box = await this.get(ownerId, chatId);
    if (!box) return null;
    return this.store.exclusive(box.chatKey, async () => {
      let current = (await this.store.chats.byId(ownerId, chatId))!;
      const readSeq = nextReadSeq(current, seq, await this.store.messages.newestSeq(box.chatKey));
      const advanced = readSeq > current.readSeq;
      if (advanced) {
        const floor = unreadFloor({ readSeq, clearedSeq: current.clearedSeq });
        const unread = await this.store.messages.countFrom(box.chatKey, box.peer.id, floor);
        current = (await this.store.chats.update(chatId, { readSeq, unread }))!;
        await this.store.chats.raisePeerReadSeq(box.peer.id, ownerId, readSeq);
      }
      const peerBox = await this.store.chats.find(box.peer.id, ownerId);
      return { chat: toChatBox(current), advanced, peerChatId: peerBox && !peerBox.hidden ? peerBox.id : null };
    });
  }

  /** Appends through the store's atomic primitive (see `MessageTable.append`). */
  async append(input: NewMessage): Promise<Appended> {
    const { message, created, senderBox, recipientBox } = await this.store.messages.append(input);
    return { message, created, senderChat: toChatBox(senderBox), recipientChat: toChatBox(recipientBox) };
  }
}
