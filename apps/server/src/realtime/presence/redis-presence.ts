import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { Presence } from './port.ts';
import { Tally } from './tally.ts';

const userKey = (userId: string) => `pairchat:presence:u:${userId}`;
const LEASES = 'pairchat:presence:leases';
/** Present while the person was last announced online (see `announce`). */
const announcedKey = (userId: string) => `pairchat:presence:announced:u:${userId}`;

/**
 * Presence across processes, as leases in Redis. For each person it holds sockets of, a process keeps a lease
 * (score = when it expires) in the person's sorted set, and the same lease in one global set. Heartbeats renew the
 * leases; a person is online while any lease of theirs is unexpired. When a process dies its leases run out, and
 * whichever process sweeps an expired lease first (ZREM returns 1 to exactly one) announces the person offline if
 * it was their last.
 */
export class RedisPresence implements Presence {
  private readonly redis: Redis;
  private readonly processId = randomUUID();
  private readonly local = new Tally();
  private readonly timer: ReturnType<typeof setInterval>;
  private expiredHandler: (userId: string) => void = () => {};

  constructor(
    url: string,
    private readonly ttlMs: number,
    private readonly log: FastifyBaseLogger,
  ) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      retryStrategy: (n) => Math.min(100 * 2 ** n, 2000),
    });
    this.redis.on('error', () => undefined); // the bus logs the outage once
    this.timer = setInterval(() => void this.heartbeat(), Math.max(200, Math.floor(ttlMs / 3)));
    this.timer.unref();
  }

  async connect(): Promise<void> {
    await this.redis.connect();
  }

  onExpired(handler: (userId: string) => void): void {
    this.expiredHandler = handler;
  }

  async connected(userId: string): Promise<boolean> {
    if (this.local.add(userId) > 1) return false;
    try {
      const now = Date.now();
      const [[, before]] = (await this.redis
        .multi()
        .zcount(userKey(userId), now, '+inf')
        .zadd(userKey(userId), now + this.ttlMs, this.processId)
        .pexpire(userKey(userId), this.ttlMs * 2)
        .zadd(LEASES, now + this.ttlMs, `${userId}|${this.processId}`)
        .exec()) as [[Error | null, number], ...unknown[]];
      return before === 0;
    } catch {
      return true; // Redis away: this process knows only that the person is here now
    }
  }

  async disconnected(userId: string): Promise<boolean> {
    if (!this.local.has(userId) || this.local.remove(userId) > 0) return false;
    try {
      const results = (await this.redis
        .multi()
        .zrem(userKey(userId), this.processId)
        .zrem(LEASES, `${userId}|${this.processId}`)
        .zcount(userKey(userId), Date.now(), '+inf')
        .exec()) as [Error | null, number][];
      return results[2]?.[1] === 0;
    } catch {
      return true;
    }
  }

  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    try {
      const now = Date.now();
      const pipeline = this.redis.pipeline();
      for (const id of userIds) pipeline.zcount(userKey(id), now, '+inf');
      const counts = (await pipeline.exec()) as [Error | null, number][];
      return new Set(userIds.filter((id, i) => (counts[i]?.[1] ?? 0) > 0 || this.local.has(id)));
    } catch {
      return new Set(userIds.filter((id) => this.local.has(id)));
    }
  }

  /**
   * One key per person announced online: SET NX answers OK, and DEL 1, to exactly one process, so of several
   * processes that see the same change only one announces it. Redis away: announce (a repeat is harmless, a missed
   * change is not).
   */
  async announce(userId: string, online: boolean): Promise<boolean> {
    try {
      if (online) return (await this.redis.set(announcedKey(userId), '1', 'NX')) === 'OK';
      return (await this.redis.del(announcedKey(userId))) === 1;
    } catch {
      return true;
    }
  }

  /** Renews this process's leases, then sweeps leases that ran out (processes that died). */
  private async heartbeat(): Promise<void> {
    if (this.redis.status !== 'ready') return;
    try {
      const now = Date.now();
      if (this.local.size > 0) {
        // XX: only renew a lease that still exists. A plain ZADD here could bring back a lease that a disconnect
        // removed while this heartbeat was under way, leaving the person "online" until it ran out.
        const users = [...this.local.keys()];
        const renew = this.redis.pipeline();
        for (const userId of users) {
          renew.zadd(userKey(userId), 'XX', 'CH', now + this.ttlMs, this.processId);
          renew.pexpire(userKey(userId), this.ttlMs * 2);
          renew.zadd(LEASES, 'XX', 'CH', now + this.ttlMs, `${userId}|${this.processId}`);
        }
        const results = (await renew.exec()) as [Error | null, number][];
        // A lease that is gone while the person is still here (this process stalled past the TTL and was swept):
        // take it out again.
        const lost = users.filter((userId, i) => results[i * 3]?.[1] === 0 && this.local.has(userId));
        if (lost.length > 0) {
          const again = this.redis.pipeline();
          for (const userId of lost) {
            again.zadd(userKey(userId), now + this.ttlMs, this.processId);
            again.zadd(LEASES, now + this.ttlMs, `${userId}|${this.processId}`);
          }
          await again.exec();
        }
      }
      const expired = await this.redis.zrangebyscore(LEASES, '-inf', now, 'LIMIT', 0, 500);
      for (const lease of expired) {
        if ((await this.redis.zrem(LEASES, lease)) !== 1) continue; // another process took it
        const [userId, processId] = lease.split('|') as [string, string];
        await this.redis.zrem(userKey(userId), processId);
        if ((await this.redis.zcount(userKey(userId), Date.now(), '+inf')) === 0) this.expiredHandler(userId);
      }
    } catch (err) {
      this.log.debug({ err }, 'presence heartbeat failed');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    try {
      if (this.redis.status === 'ready' && this.local.size > 0) {
        const drop = this.redis.pipeline();
        for (const userId of this.local.keys()) {
          drop.zrem(userKey(userId), this.processId);
          drop.zrem(LEASES, `${userId}|${this.processId}`);
        }
        await drop.exec();
      }
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
