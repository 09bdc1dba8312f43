import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushSubscriptionRecord, Store } from '../../src/store/port.ts';

/** Two stores on one fresh database, as two processes would have. */
export type OpenTwins = () => Promise<[Store, Store]>;

const sub = (userId: string, endpoint: string, at = new Date().toISOString()): PushSubscriptionRecord => ({
  userId,
  endpoint,
  p256dh: `p-${randomUUID()}`,
  auth: `a-${randomUUID()}`,
  preview: true,
  createdAt: at,
});

/** The push table's contract (`store.push`, see store/port.ts), run against every adapter. */
export function pushStoreContract(name: string, openTwins: OpenTwins): void {
  describe(`push store contract: ${name}`, () => {
    let open: Store[] = [];
    const twins = async () => {
      const pair = await openTwins();
      open.push(...pair);
      return [pair[0].push, pair[1].push] as const;
    };
    afterEach(async () => {
      await Promise.all(open.map((s) => s.close()));
      open = [];
    });

    it('keeps the first VAPID keys claimed, for every handle', async () => {
      const [a, b] = await twins();
      const first = await a.claimVapidKeys({ publicKey: 'pub-1', privateKey: 'priv-1' });
      expect(first).toEqual({ publicKey: 'pub-1', privateKey: 'priv-1' });
      expect(await b.claimVapidKeys({ publicKey: 'pub-2', privateKey: 'priv-2' })).toEqual(first);
      expect(await a.claimVapidKeys({ publicKey: 'pub-3', privateKey: 'priv-3' })).toEqual(first);
    });

    it('agrees on one pair when two handles claim at once', async () => {
      const [a, b] = await twins();
      const results = await Promise.all([
        a.claimVapidKeys({ publicKey: 'pub-a', privateKey: 'priv-a' }),
        b.claimVapidKeys({ publicKey: 'pub-b', privateKey: 'priv-b' }),
        a.claimVapidKeys({ publicKey: 'pub-c', privateKey: 'priv-c' }),
      ]);
      expect(['pub-a', 'pub-b', 'pub-c']).toContain(results[0].publicKey);
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    });

    it("lists a person's subscriptions, oldest first, and nobody else's", async () => {
      const [a, b] = await twins();
      const old = sub('ann', 'https://push.example/1', '2026-01-01T00:00:00.000Z');
      const recent = sub('ann', 'https://push.example/2', '2026-02-01T00:00:00.000Z');
      await a.saveSubscription(recent);
      await a.saveSubscription(old);
      await a.saveSubscription(sub('bob', 'https://push.example/3'));
      expect(await b.listSubscriptions('ann')).toEqual([old, recent]);
      expect(await b.listSubscriptions('carl')).toEqual([]);
    });

    it('keeps one subscription per endpoint: saving it again replaces its keys and owner', async () => {
      const [a] = await twins();
      await a.saveSubscription(sub('ann', 'https://push.example/same'));
      const again = sub('bob', 'https://push.example/same');
      await a.saveSubscription(again);
      expect(await a.listSubscriptions('ann')).toEqual([]);
      expect(await a.listSubscriptions('bob')).toEqual([again]);
    });

    it('keeps whether a browser wants previews', async () => {
      const [a, b] = await twins();
      const quiet = { ...sub('ann', 'https://push.example/quiet'), preview: false };
      await a.saveSubscription(quiet);
      expect(await b.listSubscriptions('ann')).toEqual([quiet]);
      await a.saveSubscription({ ...quiet, preview: true });
      expect((await b.listSubscriptions('ann')).map((s) => s.preview)).toEqual([true]);
    });

    it("deletes by endpoint, only the owner's when an owner is named", async () => {
      const [a] = await twins();
      await a.saveSubscription(sub('ann', 'https://push.example/x'));
      expect(await a.deleteSubscription('https://push.example/x', 'bob')).toBe(false);
      expect(await a.listSubscriptions('ann')).toHaveLength(1);
      expect(await a.deleteSubscription('https://push.example/x', 'ann')).toBe(true);
      expect(await a.listSubscriptions('ann')).toEqual([]);
      await a.saveSubscription(sub('ann', 'https://push.example/y'));
      expect(await a.deleteSubscription('https://push.example/y')).toBe(true);
      expect(await a.deleteSubscription('https://push.example/y')).toBe(false);
      expect(await a.listSubscriptions('ann')).toEqual([]);
    });
  });
}
