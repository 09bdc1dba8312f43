/**
 * What this tab has shown of each chat, so that the read mark it sends never runs ahead of it: the sender gets
 * read ticks only for messages that were on screen (WeChat's rule; the opposite was issue 11's fault 3).
 * Per tab and per chat; seqs only rise, so nothing needs forgetting.
 */
const seen = new Map<string, number>();

/** A message row with this seq has been in view. Answers whether that is further than before. */
export function noteSeen(chatId: string, seq: number): boolean {
  if (seq <= (seen.get(chatId) ?? 0)) return false;
  seen.set(chatId, seq);
  return true;
}

/**
 * The read mark to send for a chat now, or null when there is nothing to say: the highest seq shown, capped at
 * the newest seq the tab knows of, while something is unread. Sending the same mark twice is harmless: the
 * server answers a mark that does not advance with nothing.
 */
export function readMarkToSend(chatId: string, newest: number, unread: number): number | null {
  const seq = Math.min(newest, seen.get(chatId) ?? 0);
  return unread === 0 || seq === 0 ? null : seq;
}
