import { createHash } from 'node:crypto';
import { nameKey } from '@pairchat/schema';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Limits } from '../../limits/limits.ts';
import { takeOrThrow } from '../../limits/make-limiter.ts';

const MINUTE_SECONDS = 60;
const HOUR_SECONDS = 3600;
const LIMITED = 'too many attempts for this name';

export interface LoginLimitOptions {
  /** Attempts per minute on one name from one client (an address, or a device cookie that signed in as it). */
  perName: number;
  /** Attempts per hour on one name from all clients that never signed in as it, together. */
  nameBudgetPerHour: number;
}

/** Who is asking: the request's address (after TRUST_PROXY) and its device cookie, if any. */
export interface LoginClient {
  address: string;
  device: string | undefined;
}

/**
 * Throttles password guessing without handing strangers a lockout, following OWASP's Authentication Cheat Sheet
 * ("Login Throttling": a lockout keyed on the account alone lets anyone deny its owner service) and its "Slow Down
 * Online Guessing Attacks with Device Cookies":
 * - per (name, client): `perName` a minute, whoever the client is (the address limit sits in front, in the route);
 * - per name: `nameBudgetPerHour` attempts an hour shared by every *untrusted* client, so guessing one person's
 *   password from many addresses stays slow;
 * - a trusted client — a device cookie, or an address, that has signed in as this name before (within
 *   AUTH_TRUST_DAYS) — is never held by the per-name budget, so an attacker exhausting it does not keep the owner out.
 * Counts and trust live in `app.limits`: with REDIS_URL in Redis, so every process shares one budget and one memory
 * of trusted clients; else in this process's memory. Windows are fixed (a minute, an hour), as rate-limiter-flexible
 * counts them.
 */
export class LoginLimits {
  private readonly perClient: RateLimiterAbstract;
  private readonly perName: RateLimiterAbstract;

  constructor(
    private readonly limits: Limits,
    opts: LoginLimitOptions,
  ) {
    this.perClient = limits.makeLimiter({ points: opts.perName, duration: MINUTE_SECONDS, keyPrefix: 'auth:client' });
    this.perName = limits.makeLimiter({
      points: opts.nameBudgetPerHour,
      duration: HOUR_SECONDS,
      keyPrefix: 'auth:name',
    });
  }

  /**
   * Takes one attempt on `name` by `client` for `route` (`login` or `register`), or throws AppError `rate_limited`
   * (429, with Retry-After). Only sign-in spends the shared per-name budget: registering cannot lock anyone out.
   */
  async take(route: 'login' | 'register', name: string, client: LoginClient): Promise<void> {
    const key = nameKey(name);
    const trustedKey = await this.trustedKeyOf(key, client);
    await takeOrThrow(this.perClient, `${route}\n${key}\n${trustedKey ?? `ip:${client.address}`}`, LIMITED);
    if (route === 'login' && trustedKey === undefined) await takeOrThrow(this.perName, `${route}\n${key}`, LIMITED);
  }

  /** Remembers that `client` signed in as `name`: its address and its device cookie are trusted for it from now. */
  async succeeded(name: string, client: { address: string; device: string }): Promise<void> {
    const key = nameKey(name);
    await Promise.all([
      this.limits.trusted.add(trustEntry(key, `ip:${client.address}`)),
      this.limits.trusted.add(trustEntry(key, `dev:${client.device}`)),
    ]);
  }

  /** The client's trusted identity for this name (its device first), or undefined when it has none. */
  private async trustedKeyOf(key: string, client: LoginClient): Promise<string | undefined> {
    const device = client.device === undefined ? undefined : `dev:${client.device}`;
    if (device !== undefined && (await this.limits.trusted.has(trustEntry(key, device)))) return device;
    const address = `ip:${client.address}`;
    return (await this.limits.trusted.has(trustEntry(key, address))) ? address : undefined;
  }
}

/**
 * A trust entry: a hash of (name key, client), so the store of trusted clients (Redis, when shared) holds neither
 * names nor device cookies, and every entry has one short length.
 */
function trustEntry(key: string, client: string): string {
  return createHash('sha256').update(`${key}\n${client}`).digest('base64url');
}
