import { pairKey, type Message, type User } from '@pairchat/schema';
import type { BoxChange, BoxRecord, MessagePage, NewMessage, Store } from '../store/port.ts';
import {
  aroundSplit,
  deleted,
  isVisibleTo,
  lastVisible,
  nextReadSeq,
  reopened,
  toChatBox,
  unreadFloor,
  visibleAbove,
  type ChatBox,
} from './rules.ts';

/** Which page of a chat: cursors, or a seq to center on; `limit` already defaulted. */
export interface PageQuery {
  before?: number | undefined;
  after?: number | undefined;
  around?: number | undefined;
  limit: number;
}

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
  /**
   * Each person's box after the append. For a resend (`created` false): the box as its owner sees it now, or null
   * for someone who no longer sees the message (recalled, cleared by deleting the chat, or deleted for them alone).
   */
  senderChat: ChatBox | null;
  recipientChat: ChatBox | null;
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
      if (existing && !existing.hidden) return { chat: await this.shown(existing), created: false };
      if (existing) {
        const back = await this.store.chats.update(existing.id, reopened(now));
        return { chat: await this.shown(back!), created: true };
      }
      const { box, inserted } = await this.store.chats.insert({ id: newId, ownerId, peer, chatKey, now });
      return { chat: await this.shown(box), created: inserted };
    });
  }

  /** The owner's box with this peer, hidden or not (its `clearedSeq` still says what the owner can see). */
  find(ownerId: string, peerId: string): Promise<BoxRecord | null> {
    return this.store.chats.find(ownerId, peerId);
  }

  /** The owner's box with this id, unless deleted. */
  async get(ownerId: string, chatId: string): Promise<ChatBox | null> {
    const box = await this.store.chats.byId(ownerId, chatId);
    return box && !box.hidden ? this.shown(box) : null;
  }

  /** The owner's visible boxes: pinned first, each group by most recent activity. */
  async list(ownerId: string): Promise<ChatBox[]> {
    return Promise.all((await this.store.chats.listVisible(ownerId)).map((box) => this.shown(box)));
  }

  /**
   * A box as its owner sees it. When the pair's newest message is one the owner deleted for themselves, the last
   * visible message is the newest one before it that they can see.
   */
  private async shown(box: BoxRecord): Promise<ChatBox> {
    const latest = lastVisible(box);
    if (!latest) return toChatBox(box);
    const hidden = await this.store.hiddenMessages.among(box.ownerId, box.chatKey, [latest.seq]);
    if (!hidden.has(latest.seq)) return toChatBox(box, latest);
    const { messages } = await this.store.messages.list({
      chatKey: box.chatKey,
      above: visibleAbove(box),
      viewerId: box.ownerId,
      before: latest.seq,
      limit: 1,
    });
    return toChatBox(box, messages[0] ?? null);
  }

  /** Sets the owner's pin or mute on a visible box; the box afterwards, or null if there is none. */
  async setFlags(ownerId: string, chatId: string, change: Pick<BoxChange, 'pinned' | 'muted'>) {
    const box = await this.get(ownerId, chatId);
    if (!box) return null;
    return this.shown((await this.store.chats.update(chatId, change))!);
  }

  /** The message at `seq` if the box's owner can see it (it exists, is not cleared, not deleted for them). */
  async visibleMessage(
    box: Pick<BoxRecord, 'ownerId' | 'chatKey' | 'clearedSeq'>,
    seq: number,
  ): Promise<Message | null> {
    const message = seq > box.clearedSeq ? await this.store.messages.get(box.chatKey, seq) : null;
    if (!message) return null;
    const hidden = await this.store.hiddenMessages.among(box.ownerId, box.chatKey, [seq]);
    return isVisibleTo(box, seq, hidden.has(seq)) ? message : null;
  }

  /**
   * Deletes one message for the box's owner only; null when they cannot see it. An unread message of the peer that
   * is deleted no longer counts as unread (WeChat's badge drops with it). Answers the box afterwards and whether its
   * unread count changed.
   */
  async hideMessage(box: ChatBox, seq: number): Promise<{ box: ChatBox; unreadChanged: boolean } | null> {
    return this.store.exclusive(box.chatKey, async () => {
      const message = await this.visibleMessage(box, seq);
      if (!message) return null;
      await this.store.hiddenMessages.hide(box.ownerId, box.chatKey, seq);
      const current = (await this.store.chats.byId(box.ownerId, box.id))!;
      const unreadChanged = message.from === box.peer.id && seq > unreadFloor(current) && current.unread > 0;
      const after = unreadChanged ? (await this.store.chats.update(box.id, { unread: current.unread - 1 }))! : current;
      return { box: await this.shown(after), unreadChanged };
    });
  }

  /**
   * Recalls a message of the pair when `problem` (the rule, given the message as stored) finds nothing against it;
   * runs inside the pair's exclusive section so a second recall or a read sees the first. null: no such message
   * (or not visible to the box's owner); a string: why not.
   */
  async recall(box: ChatBox, seq: number, problem: (m: Message) => string | null) {
    return this.store.exclusive(box.chatKey, async () => {
      const message = await this.visibleMessage(box, seq);
      if (!message) return null;
      const why = problem(message);
      if (why !== null) return why;
      if (message.recalled) return { message, changed: false };
      return { message: (await this.store.messages.recall(box.chatKey, seq))!, changed: true };
    });
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

  /**
   * A page of the pair's messages that the box's owner can see: by `before`/`after` cursors, or `around` a seq
   * (that seq near the middle; `hasMore` for older, `hasNewer` for newer).
   */
  async messages(box: ChatBox, page: PageQuery): Promise<MessagePage & { hasNewer?: boolean }> {
    const visible = { chatKey: box.chatKey, above: visibleAbove(box), viewerId: box.ownerId };
    if (page.around === undefined) {
      return this.store.messages.list({ ...visible, before: page.before, after: page.after, limit: page.limit });
    }
    // Up to a whole page on each side, so that a side with too few messages leaves its room to the other.
    const older = await this.store.messages.list({ ...visible, before: page.around + 1, limit: page.limit });
    const newer = await this.store.messages.list({ ...visible, after: page.around, limit: page.limit });
    const take = aroundSplit(page.limit, older.messages.length, newer.messages.length);
    return {
      messages: [...older.messages.slice(older.messages.length - take.older), ...newer.messages.slice(0, take.newer)],
      hasMore: older.hasMore || take.older < older.messages.length,
      hasNewer: newer.hasMore || take.newer < newer.messages.length,
    };
  }

  /**
   * My messages containing `text`, in every visible chat of mine or in `only` one: what I can see (cleared,
   * deleted for me and recalled messages left out), newest first.
   */
  async search(ownerId: string, text: string, limit: number, only?: ChatBox) {
    const boxes = only ? [only] : await this.store.chats.visibleScopes(ownerId);
    const chatIds = new Map(boxes.map((b) => [b.chatKey, b.id]));
    const scopes = boxes.map((b) => ({ chatKey: b.chatKey, above: visibleAbove(b) }));
    const found = await this.store.messages.search({ text, scopes, viewerId: ownerId, limit });
    return found.map((message) => ({ chatId: chatIds.get(message.chatKey)!, message }));
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
        const unread = await this.store.messages.countFrom(box.chatKey, box.peer.id, floor, ownerId);
        current = (await this.store.chats.update(chatId, { readSeq, unread }))!;
        await this.store.chats.raisePeerReadSeq(box.peer.id, ownerId, readSeq);
      }
      const peerBox = await this.store.chats.find(box.peer.id, ownerId);
      return { chat: await this.shown(current), advanced, peerChatId: peerBox && !peerBox.hidden ? peerBox.id : null };
    });
  }

  /** Appends through the store's atomic primitive (see `MessageTable.append`). */
  async append(input: NewMessage): Promise<Appended> {
    const { message, created, senderBox, recipientBox } = await this.store.messages.append(input);
    if (created) return { message, created, senderChat: toChatBox(senderBox), recipientChat: toChatBox(recipientBox) };
    const [senderChat, recipientChat] = await Promise.all([
      this.seeing(senderBox, message),
      this.seeing(recipientBox, message),
    ]);
    return { message, created, senderChat, recipientChat };
  }

  /**
   * The box as its owner sees it, or null when they no longer see this message (see `Appended`): recalled, or not
   * visible to them by the rule `visibleMessage` uses (a deleted box is cleared up to its newest message).
   */
  private async seeing(box: BoxRecord, message: Message): Promise<ChatBox | null> {
    if (message.recalled || message.seq <= box.clearedSeq) return null;
    const hidden = await this.store.hiddenMessages.among(box.ownerId, box.chatKey, [message.seq]);
    return isVisibleTo(box, message.seq, hidden.has(message.seq)) ? this.shown(box) : null;
  }
}
