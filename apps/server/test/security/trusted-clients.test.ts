import { describe, expect, it } from 'vitest';
import { MemoryTrustedClients } from '../../src/limits/trusted-clients.ts';

// The login limits' memory of trusted clients without Redis: it must forget, or it grows without bound.
describe('trusted clients in memory', () => {
  it('forgets an entry once its time to live has passed since it was last added', async () => {
    let now = 0;
    const trusted = new MemoryTrustedClients(1000, 10, () => now);
    await trusted.add('a');
    now = 999;
    expect(await trusted.has('a')).toBe(true);
    await trusted.add('a'); // signed in again: trusted for another second
    now = 1500;
    expect(await trusted.has('a')).toBe(true);
    now = 2000;
    expect(await trusted.has('a')).toBe(false);
  });

  it('holds at most its bound, forgetting the least recently added first', async () => {
    const trusted = new MemoryTrustedClients(60_000, 3);
    for (const entry of ['a', 'b', 'c']) await trusted.add(entry);
    await trusted.add('a');
    await trusted.add('d');
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((e) => trusted.has(e)))).toEqual([true, false, true, true]);
  });
});
