import { describe, expect, it } from 'vitest';
import { msg, pendingMessage } from '../../stores/test-fixtures.ts';
import { messageRows } from './message-rows.ts';

const at = (second: number) => `2026-11-30T10:00:${String(second).padStart(2, '0')}.000Z`;
const keys = (rows: ReturnType<typeof messageRows>) =>
  rows.map((r) => (r.stored ? `#${r.stored.seq}` : r.pending.clientId));

describe('messageRows', () => {
  it('keeps a failed message where it was sent while the conversation goes on below it; those on their way last', () => {
    const stored = [msg(1, { date: at(1) }), msg(2, { date: at(5) }), msg(3, { date: at(9) })];
    const rows = messageRows(stored, [
      pendingMessage('going', { status: 'pending', date: at(2) }),
      pendingMessage('refused', { status: 'failed', refused: 'blocked', date: at(3) }),
      pendingMessage('timed-out', { status: 'failed', date: at(7) }),
    ]);
    expect(keys(rows)).toEqual(['#1', 'refused', '#2', 'timed-out', '#3', 'going']);
  });

  it('puts a failed message newer than every stored one at the end, before those on their way', () => {
    const rows = messageRows(
      [msg(1, { date: at(1) })],
      [pendingMessage('b', { status: 'pending', date: at(4) }), pendingMessage('a', { status: 'failed', date: at(3) })],
    );
    expect(keys(rows)).toEqual(['#1', 'a', 'b']);
  });
});
