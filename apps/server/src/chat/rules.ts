import type { Chat, Message } from '@pairchat/schema';
import type { BoxChange, BoxRecord } from '../store/port.ts';

/**
 * The rules of a one-to-one conversation, written once and applied above every store adapter. Pure functions of
 * stored records; `conversations.ts` runs them against the store, and `store/port.ts` (`messages.append`) states
 * the one rule adapters carry out themselves, atomically: what a new message does to both boxes.
 *
 * The model (WeChat's): messages are stored once per pair, numbered by seq; each person sees them through their
 * own chat box, which holds watermarks (cleared, read, peer read) and an unread count.
 */

/** A chat box as its owner sees it: the watermarks and the last message the owner can see. */
export type ChatBox = Omit<BoxRecord, 'hidden' | 'latest'> & { lastMessage: Message | null };

/**
 * "Delete for me" hides every message with seq up to `clearedSeq` from the box's owner only (WeChat: deleting a
 * chat removes it and its history from your device; the other person keeps theirs). Queries show seqs above this.
 */
export function visibleAbove(box: Pick<BoxRecord, 'clearedSeq'>, after = 0): number {
  return Math.max(box.clearedSeq, after);
}

/** A box's last visible message: the pair's newest, unless "delete for me" hid it. */
export function lastVisible(box: Pick<BoxRecord, 'clearedSeq' | 'latest'>): Message | null {
  return box.latest !== null && box.latest.seq > box.clearedSeq ? box.latest : null;
}

/**
 * Unread: the peer's messages above both the read mark and the cleared mark. A new message adds one (see
 * `messages.append`); moving the read mark recounts from this floor.
 */
export function unreadFloor(box: Pick<BoxRecord, 'readSeq' | 'clearedSeq'>): number {
  return Math.max(box.readSeq, box.clearedSeq);
}

/** The read mark moves forward only, and never past the pair's newest message. */
export function nextReadSeq(box: Pick<BoxRecord, 'readSeq'>, asked: number, newestSeq: number): number {
  return Math.max(box.readSeq, Math.min(asked, newestSeq));
}

/** Deleting a box for its owner: hidden, nothing unread, everything up to the pair's newest seq cleared. */
export function deleted(newestSeq: number): BoxChange {
  return { hidden: true, unread: 0, clearedSeq: newestSeq };
}

/**
 * A deleted box comes back (the owner opens the chat again, or a message arrives) with its `clearedSeq` kept:
 * the owner sees only what came after the delete. Opening it again counts as making it (201).
 */
export function reopened(now: string): BoxChange {
  return { hidden: false, updatedAt: now };
}

/** The box a client is shown. Built field by field: nothing stored but not public leaves the server. */
export function toChatBox(box: BoxRecord): ChatBox {
  return {
    id: box.id,
    ownerId: box.ownerId,
    peer: box.peer,
    chatKey: box.chatKey,
    unread: box.unread,
    clearedSeq: box.clearedSeq,
    readSeq: box.readSeq,
    peerReadSeq: box.peerReadSeq,
    updatedAt: box.updatedAt,
    lastMessage: lastVisible(box),
  };
}

/** The contract's `Chat` of a box. */
export function toChat(box: ChatBox): Chat {
  return {
    id: box.id,
    peer: box.peer,
    unread: box.unread,
    lastMessage: box.lastMessage,
    updatedAt: box.updatedAt,
    peerReadSeq: box.peerReadSeq,
    clearedSeq: box.clearedSeq,
    pinned: false,
    muted: false,
  };
}
