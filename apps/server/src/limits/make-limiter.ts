import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors.ts';

/**
 * What a limit is, in rate-limiter-flexible's terms: at most `points` per fixed window of `duration` seconds for one
 * key. `keyPrefix` names the limit: limits with different prefixes never share a count, and with Redis it starts
 * every key (`<keyPrefix>:<key>`), so it must be unique per limit across the code base (`send`, `login:client`,
 * `frame:typing`…).
 */
export interface LimiterSpec {
  /** How many units one key may take per window (a positive integer). */
  points: number;
  /** The window, in whole seconds (at least 1). */
  duration: number;
  /** The limit's unique name; no `:` needed at the end. */
  keyPrefix: string;
}

/**
 * The one factory of limiters: `app.limits.makeLimiter(spec)` (the `limits` plugin, `plugins/limits.ts`). It answers
 * a `RateLimiterAbstract` of rate-limiter-flexible, whose count lives in this process's memory without REDIS_URL
 * (`RateLimiterMemory`) and in Redis with it (`RateLimiterRedis`, shared by every process, so N processes do not get
 * N times the budget). Use it as the library documents: `await limiter.consume(key)` resolves while the key has
 * points left and rejects with a `RateLimiterRes` (see `msBeforeNext`) when it has none; {@link takeOrThrow} turns
 * that into the API's 429. Make limiters once, at start-up (each Redis limiter registers a Lua script), not per call.
 */
export type MakeLimiter = (spec: LimiterSpec) => RateLimiterAbstract;

/** A limiter in this process's memory: the factory without Redis, and the fallback beside Redis. */
export const makeMemoryLimiter: MakeLimiter = (spec) => new RateLimiterMemory(spec);

/**
 * A fixed window for "a burst of `burst`, on average `perSecond`": `burst` points per `burst / perSecond` seconds,
 * rounded up to a whole second. It keeps the average; at a window's edge a key may take up to twice `burst` in a
 * row (the price of a window counted in one Redis key).
 */
export function burstWindow(burst: number, perSecond: number, keyPrefix: string): LimiterSpec {
  return { points: burst, duration: Math.max(1, Math.ceil(burst / perSecond)), keyPrefix };
}

/**
 * Takes one point for `key`, or throws AppError `rate_limited` (429, with `Retry-After` in whole seconds) whose
 * message is `${what}; try again in N s`. Any other failure of the limiter (none is expected: the Redis limiters fall
 * back to memory) passes through.
 */
export async function takeOrThrow(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const wait = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw new AppError('rate_limited', `${what}; try again in ${wait} s`, wait);
  }
}
