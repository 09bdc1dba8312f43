import { MediaSchema, MessageKindSchema, RefusalReasonSchema, ReplyToSchema } from '@pairchat/schema';
import { z } from 'zod';
import type { PendingMessage } from './messages.ts';

/**
 * My messages without an ack (on their way, failed, or refused), kept across a reload as WeChat keeps an unsent
 * message with its red mark: in localStorage under the signed-in user's id, as the drafts are. One on its way is
 * sent again after the next connection's catch-up, with its clientId, so the server stores it once however often
 * it goes out; a refused one stays, with its reason, until its chat is deleted. Two tabs of one person share the
 * entry: the last to change its outbox writes it (as with the drafts).
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
  try {
    const raw = localStorage.getItem(storageKey(userId));
    const parsed = StoredOutboxSchema.safeParse(raw === null ? {} : JSON.parse(raw));
    if (!parsed.success) return {};
    return Object.fromEntries(
      Object.entries(parsed.data).map(([id, p]) => [id, p.status === 'pending' ? { ...p, sentAt: now } : p]),
    );
  } catch {
    return {}; // no storage (private mode) or not JSON
  }
}

/** Saves a user's outbox (an empty one removes the entry). */
export function saveOutbox(userId: string, pending: Record<string, PendingMessage>): void {
  try {
    if (Object.keys(pending).length === 0) localStorage.removeItem(storageKey(userId));
    else localStorage.setItem(storageKey(userId), JSON.stringify(pending));
  } catch {
    // storage full or unavailable: the outbox lasts for this page only
  }
}
