import type { Chat, Message } from '@pairchat/schema';

/**
 * The newer state of one message. A recall is one-way (the contract: "gone for both people"), so a recalled
 * version always wins: a page fetched before the recall that lands after its `message_updated` frame, or a
 * catch-up racing the frame, cannot bring the text back.
 */
export function newerMessage(a: Message, b: Message): Message {
  return a.recalled && !b.recalled ? a : b;
}

/** Messages by seq, each id once: what a frame, a page and a catch-up bring are merged through here. */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return current as Message[];
  const byId = new Map<string, Message>();
  for (const m of current) byId.set(m.id, m);
  for (const m of incoming) {
    const held = byId.get(m.id);
    byId.set(m.id, held ? newerMessage(held, m) : m);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function lastSeq(messages: readonly Message[]): number {
  return messages.length === 0 ? 0 : messages[messages.length - 1]!.seq;
}

/**
 * The chat list's order (the contract's `GET /api/chats`, and WeChat's "Pin to top"): pinned chats first, each
 * group most recent first.
 */
export function listOrder(a: Chat, b: Chat): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

/**
 * The fresher of two versions of one chat box: a later activity wins; at the same moment, the later seq; at the
 * same seq, `b` (the fetched or framed one), except that a recalled last message is never un-recalled.
 */
export function fresher(a: Chat, b: Chat): Chat {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  const seqA = a.lastMessage?.seq ?? 0;
  const seqB = b.lastMessage?.seq ?? 0;
  if (seqA !== seqB) return seqA > seqB ? a : b;
  if (a.lastMessage && b.lastMessage) return { ...b, lastMessage: newerMessage(a.lastMessage, b.lastMessage) };
  return b;
}

/** Puts one chat into the list (or replaces its older version) and keeps the list in its order (`listOrder`). */
export function upsertChat(chats: readonly Chat[], chat: Chat): Chat[] {
  const others = chats.filter((c) => c.id !== chat.id);
  return [...others, chat].sort(listOrder);
}

/**
 * The chat list after a fetch that started at `fetchStartedAt` (ISO): the fetched list wins, except where a frame
 * that arrived while the fetch was under way brought something newer, which must not be thrown away.
 */
export function reconcileChats(local: readonly Chat[], fetched: readonly Chat[], fetchStartedAt: string): Chat[] {
  const fetchedIds = new Set(fetched.map((c) => c.id));
  const localById = new Map(local.map((c) => [c.id, c]));
  const merged = fetched.map((c) => {
    const mine = localById.get(c.id);
    return mine ? fresher(mine, c) : c;
  });
  const arrivedDuringFetch = local.filter((c) => !fetchedIds.has(c.id) && c.updatedAt >= fetchStartedAt);
  return [...merged, ...arrivedDuringFetch].sort(listOrder);
}

/**
 * The messages a chat box says are no longer mine to see: everything up to its `clearedSeq` (the chat was deleted
 * for me, in this tab or another; the server hides the same ones from every page it answers).
 */
export function clearedBy(chat: Pick<Chat, 'clearedSeq'>): (m: Message) => boolean {
  return (m) => m.seq <= chat.clearedSeq;
}
