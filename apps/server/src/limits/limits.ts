import type { FastifyBaseLogger } from 'fastify';
import { makeMemoryLimiter, type MakeLimiter } from './make-limiter.ts';
import { RedisLimits } from './redis-limits.ts';
import { MemoryTrustedClients, type TrustedClients } from './trusted-clients.ts';

/**
 * Every abuse limit's state, one per process (the `limits` plugin, `app.limits`): the limiters' counts and the
 * login limits' trusted clients. Without REDIS_URL they live in this process's memory; with it, in Redis, shared
 * by every process ({@link RedisLimits}).
 */
export interface Limits {
  /** `memory` or `redis`: where the counts live. */
  readonly name: 'memory' | 'redis';
  /** The one limiter factory (see {@link MakeLimiter}). */
  readonly makeLimiter: MakeLimiter;
  /** Which clients signed in as which name (`routes/auth/login-limits.ts`). */
  readonly trusted: TrustedClients;
  close(): Promise<void>;
}

export interface LimitsOptions {
  /** REDIS_URL: share the limits through this Redis; none: this process's memory. */
  redisUrl: string | undefined;
  /** How long a trusted client stays trusted after its last sign-in, in seconds. */
  trustTtlSeconds: number;
  log: FastifyBaseLogger;
}

/** The limits without Redis: each process counts on its own. */
class MemoryLimits implements Limits {
  readonly name = 'memory';
  readonly makeLimiter = makeMemoryLimiter;
  readonly trusted: TrustedClients;
  constructor(trustTtlSeconds: number) {
    this.trusted = new MemoryTrustedClients(trustTtlSeconds * 1000);
  }
  async close(): Promise<void> {}
}

/**
 * Picks where limits live from configuration: Redis when `redisUrl` is set (connected before this resolves; a Redis
 * that is down at start-up is waited for in the background, and the limits run on memory meanwhile), else memory.
 */
export async function openLimits(opts: LimitsOptions): Promise<Limits> {
  if (opts.redisUrl === undefined) return new MemoryLimits(opts.trustTtlSeconds);
  const limits = new RedisLimits(opts.redisUrl, opts.trustTtlSeconds, opts.log);
  await limits.connect();
  return limits;
}
