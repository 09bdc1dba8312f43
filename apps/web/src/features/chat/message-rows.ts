import type { Message } from '@pairchat/schema';
import type { PendingMessage } from '../../stores/app-store.ts';

/** One row of the conversation: a stored message, or one of mine without an ack. */
export type Row =
  | { stored: Message; pending?: undefined; date: string }
  | { pending: PendingMessage; stored?: undefined; date: string };

/**
 * The rows of a conversation in the order shown: the stored messages by seq; a message of mine that failed (no ack
 * in time, or refused) where it was sent, after the stored ones of its time or before, as WeChat keeps a failed
 * bubble in place while the conversation goes on below it; those still on their way last, the newest at the
 * bottom. `pending` is this chat's, in any order. Dates are ISO-8601 (the server's for stored messages, this
 * device's for mine), compared as strings.
 */
export function messageRows(stored: readonly Message[], pending: readonly PendingMessage[]): Row[] {
  const byDate = [...pending].sort((a, b) => a.date.localeCompare(b.date));
  const failed = byDate.filter((p) => p.status === 'failed');
  const rows: Row[] = [];
  let f = 0;
  const placeFailed = (before?: string) => {
    for (; f < failed.length && (before === undefined || failed[f]!.date < before); f++) {
      rows.push({ pending: failed[f]!, date: failed[f]!.date });
    }
  };
  for (const m of stored) {
    placeFailed(m.date);
    rows.push({ stored: m, date: m.date });
  }
  placeFailed();
  for (const p of byDate) if (p.status === 'pending') rows.push({ pending: p, date: p.date });
  return rows;
}
