import { MediaSchema, MessageKindSchema, RefusalReasonSchema, ReplyToSchema } from '@pairchat/schema';
import { z } from 'zod';
import { readStored, writeStored } from '../../lib/stored-json.ts';
import type { PendingMessage } from './messages.ts';

/**
 * My messages without an ack (on their way, failed, or refused), kept across a reload as WeChat keeps an unsent
 * message with its red mark: in localStorage under the signed-in user's id, as the drafts are. One on its way is
 * sent again after the next connection's catch-up, with its clientId, so the server stores it once however often
 * it goes out; a refused one stays, with its reason, until its chat is deleted. Two tabs of one person share the
 * entry, and each writes only its own messages into it (see {@link saveOutbox}).
 */
const StoredPendingSchema = z.object({
  clientId: z.string(),
  chatId: z.string(),
  to: z.string(),
  content: z.string(),
  kind: MessageKindSchema.optional(),
  media: MediaSchema.optional(),
  date: z.string(),
  status: z.enum(['pending', 'failed']),
  refused: RefusalReasonSchema.optional(),
  replyTo: ReplyToSchema.nullable(),
  sentAt: z.number(),
});
const StoredOutboxSchema = z.record(z.string(), StoredPendingSchema);
const storageKey = (userId: string) => `pairchat.outbox.${userId}`;

/**
 * The outbox saved for a user, as of a new page at `now` (ms): what was on its way gets a fresh ack deadline, since
 * it goes out again once connected. Anything unreadable in storage counts as nothing.
 */
export function loadOutbox(userId: string, now: number): Record<string, PendingMessage> {
  return Object.fromEntries(
    Object.entries(stored(userId)).map(([id, p]) => [id, p.status === 'pending' ? { ...p, sentAt: now } : p]),
  );
}

/** The entry as stored; anything unreadable (edited by hand, another version, no storage) counts as nothing. */
function stored(userId: string): Record<string, PendingMessage> {
  return readStored(storageKey(userId), StoredOutboxSchema, {});
}

/**
 * Saves this tab's outbox into the user's entry: `pending` is what this tab holds now, `known` every clientId it held
 * before this change too. Entries of other tabs (clientIds this tab never held) are kept; those this tab held and
 * no longer holds (acked, dropped) go. An empty result removes the entry.
 */
export function saveOutbox(userId: string, pending: Record<string, PendingMessage>, known: Iterable<string>): void {
  const others = stored(userId);
  for (const id of known) delete others[id];
  const all = { ...others, ...pending };
  // Storage full or unavailable: the outbox lasts for this page only.
  writeStored(storageKey(userId), Object.keys(all).length === 0 ? null : all);
}
