import {
  REPLY_PREVIEW_MAX,
  sliceVisible,
  type Chat,
  type Message,
  type MessageKind,
  type ReplyTo,
} from '@pairchat/schema';
import type { MediaKind } from '../media/port.ts';
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

/**
 * A box's last visible message: the pair's newest, unless "delete for me" hid it (the whole chat up to
 * `clearedSeq`; or that one message, `latestHidden`, when `conversations.ts` then looks for the one before).
 */
export function lastVisible(box: Pick<BoxRecord, 'clearedSeq' | 'latest'>, latestHidden = false): Message | null {
  return box.latest !== null && box.latest.seq > box.clearedSeq && !latestHidden ? box.latest : null;
}

/**
 * Whether the owner of a box can see a message: above the cleared mark and not deleted for them alone (their
 * hidden set). Delete one message for me (WeChat's 删除): only the deleter stops seeing it; the peer keeps it.
 */
export function isVisibleTo(box: Pick<BoxRecord, 'clearedSeq'>, seq: number, hiddenForOwner: boolean): boolean {
  return seq > box.clearedSeq && !hiddenForOwner;
}

/**
 * Why `me` may not recall `message` at `now`, or null: WeChat lets the sender recall (撤回) their own message
 * within a window (two minutes there; `RECALL_WINDOW_SECONDS` here). Recalling an already recalled message is
 * allowed (it changes nothing), so a retry is safe.
 */
export function recallProblem(message: Message, meId: string, now: Date, windowSeconds: number): string | null {
  if (message.from !== meId) return 'you can recall only your own messages';
  if (message.recalled) return null;
  const age = now.getTime() - Date.parse(message.date);
  if (age > windowSeconds * 1000) return `a message can be recalled within ${windowSeconds} seconds of sending`;
  return null;
}

/**
 * What a reply quotes of a message: its seq, sender, kind and up to 100 characters (grapheme clusters) of its
 * text; `""` for media and for a recalled message.
 */
export function quoteOf(message: Message): ReplyTo {
  return {
    seq: message.seq,
    from: message.from,
    name: message.name,
    kind: message.kind,
    preview: message.recalled ? '' : sliceVisible(message.content, REPLY_PREVIEW_MAX),
  };
}

/**
 * How a page of `limit` around seq `n` is made of the `olderThere` messages up to and including `n` and the
 * `newerThere` after it: `n` near the middle (the older half takes the odd one), and when one side runs out, the
 * other fills the page.
 */
export function aroundSplit(limit: number, olderThere: number, newerThere: number): { older: number; newer: number } {
  const newer = Math.min(newerThere, Math.max(Math.floor(limit / 2), limit - olderThere));
  return { older: Math.min(olderThere, limit - newer), newer };
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

/**
 * The box a client is shown. Built field by field: nothing stored but not public leaves the server. `last`: the
 * last visible message when `conversations.ts` had to look it up (the newest was deleted for the owner).
 */
export function toChatBox(box: BoxRecord, last: Message | null = lastVisible(box)): ChatBox {
  return {
    id: box.id,
    ownerId: box.ownerId,
    peer: box.peer,
    chatKey: box.chatKey,
    unread: box.unread,
    clearedSeq: box.clearedSeq,
    readSeq: box.readSeq,
    peerReadSeq: box.peerReadSeq,
    pinned: box.pinned,
    muted: box.muted,
    updatedAt: box.updatedAt,
    lastMessage: last,
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
    pinned: box.pinned,
    muted: box.muted,
  };
}

/**
 * Whether a box raises no notification (contract: a muted chat "raises no notification"; WeChat's 消息免打扰).
 */
export function isMuted(box: Pick<ChatBox, 'muted'>): boolean {
  return box.muted;
}

/**
 * Whether a media file stored as `stored` may be sent as a message of `kind`, or why not: an image message needs an
 * image the server decoded, a voice message a voice recording it measured, and a file message may carry any upload
 * (WeChat, too, sends a photo "as a file" when asked: it arrives as a download, not a picture).
 */
export function mediaKindProblem(kind: Exclude<MessageKind, 'text'>, stored: MediaKind): string | null {
  if (kind === 'file' || kind === stored) return null;
  return `this media is not ${kind === 'image' ? 'an image' : 'a voice recording'}`;
}
