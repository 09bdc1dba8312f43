import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { MakeLimiter } from './make-limiter.ts';

/**
 * A store for `@fastify/rate-limit` (its `store` option) whose counts are limiters from {@link MakeLimiter}: in
 * memory, or in Redis shared by every process, with the same fallback to memory during a Redis outage as every other
 * limit. (`@fastify/rate-limit`'s own Redis store has no fallback: with `skipOnError` an outage lifts the limit, and
 * without it every limited request fails with 500.) One limiter per (max, time window) a route asks for; keys are
 * the route's key generator's, after the route (for route-level `config.rateLimit`).
 */
export function rateLimitStore(makeLimiter: MakeLimiter): FastifyRateLimitStoreCtor {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiterFor = (max: number, windowMs: number): RateLimiterAbstract => {
    const name = `http:${max}:${windowMs}`;
    let limiter = limiters.get(name);
    if (!limiter) {
      limiter = makeLimiter({ points: max, duration: Math.max(1, Math.ceil(windowMs / 1000)), keyPrefix: name });
      limiters.set(name, limiter);
    }
    return limiter;
  };

  class LimiterStore implements FastifyRateLimitStore {
    /** `@fastify/rate-limit` constructs it with its global options, which the limiters do not need. */
    constructor(
      _options?: unknown,
      private readonly route = '',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
      max: number,
    ): void {
      // A penalty counts the request without refusing it: @fastify/rate-limit compares the count with max itself.
      limiterFor(max, timeWindow)
        .penalty(`${this.route}${key}`)
        .then(
          (res) => callback(null, { current: res.consumedPoints, ttl: res.msBeforeNext }),
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
    }

    /** @fastify/rate-limit passes the route's merged options, with the route under `routeInfo` (empty for `app.rateLimit`). */
    child(options: object): FastifyRateLimitStore {
      const route = (options as { routeInfo?: { method?: string; url?: string } }).routeInfo;
      return new LimiterStore(undefined, `${route?.method ?? ''}${route?.url ?? ''}:`);
    }
  }
  return LimiterStore;
}
