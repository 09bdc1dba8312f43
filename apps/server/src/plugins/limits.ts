import type { FastifyInstance } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { openLimits, type Limits } from '../limits/limits.ts';
import { rateLimitStore } from '../limits/rate-limit-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every abuse limit's state and the limiter factory `app.limits.makeLimiter` (`limits/limits.ts`). */
    limits: Limits;
  }
}

/**
 * The limits of this process: in Redis when `redisUrl` is set (one connection, closed with the app), else in
 * memory. Also registers `@fastify/rate-limit` (not global: routes opt in with `app.rateLimit`) on a store made of
 * the same limiters, so HTTP limits are shared across processes too.
 */
export default fp(
  async function limits(app: FastifyInstance, opts: { redisUrl: string | undefined; trustTtlSeconds: number }) {
    const limits = await openLimits({ ...opts, log: app.log });
    app.decorate('limits', limits);
    app.addHook('onClose', () => limits.close());
    await app.register(fastifyRateLimit, { global: false, store: rateLimitStore(limits.makeLimiter) });
  },
  { name: 'limits' },
);
