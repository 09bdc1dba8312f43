import { nameKey } from '@pairchat/schema';
import { TokenBuckets } from '../../limits/token-bucket.ts';
import { AppError } from '../../errors.ts';

const HOUR_SECONDS = 3600;
/** Remembered (name, client) pairs; the oldest are forgotten first. About 200 bytes each. */
const MAX_TRUSTED = 100_000;

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
 * - a trusted client — a device cookie, or an address, that has signed in as this name before — is never held by
 *   the per-name budget, so an attacker exhausting it does not keep the owner out.
 * Counts are kept in this process's memory (a restart forgets them, and each process counts on its own).
 */
export class LoginLimits {
  private readonly perClient: TokenBuckets;
  private readonly perName: TokenBuckets;
  /** `${nameKey}\n${client key}` of clients that signed in as that name; a Map kept in insertion (LRU) order. */
  private readonly trusted = new Map<string, true>();

  constructor(opts: LoginLimitOptions) {
    this.perClient = new TokenBuckets(opts.perName, opts.perName / 60);
    this.perName = new TokenBuckets(opts.nameBudgetPerHour, opts.nameBudgetPerHour / HOUR_SECONDS);
  }

  /**
   * Takes one attempt on `name` by `client` for `route` (`login` or `register`), or throws AppError `rate_limited`
   * (429, with Retry-After). Only sign-in spends the shared per-name budget: registering cannot lock anyone out.
   */
  take(route: 'login' | 'register', name: string, client: LoginClient): void {
    const key = nameKey(name);
    const trustedKey = this.trustedKeyOf(key, client);
    const clientKey = `${route}\n${key}\n${trustedKey ?? `ip:${client.address}`}`;
    if (!this.perClient.take(clientKey)) throw limited(this.perClient.retryAfter(clientKey));
    if (route === 'login' && trustedKey === undefined) {
      const nameBudget = `${route}\n${key}`;
      if (!this.perName.take(nameBudget)) throw limited(this.perName.retryAfter(nameBudget));
    }
  }

  /** Remembers that `client` signed in as `name`: its address and its device cookie are trusted for it from now. */
  succeeded(name: string, client: { address: string; device: string }): void {
    const key = nameKey(name);
    this.remember(`${key}\nip:${client.address}`);
    this.remember(`${key}\ndev:${client.device}`);
  }

  /** The client's trusted identity for this name (its device first), or undefined when it has none. */
  private trustedKeyOf(key: string, client: LoginClient): string | undefined {
    if (client.device !== undefined && this.trusted.has(`${key}\ndev:${client.device}`)) return `dev:${client.device}`;
    if (this.trusted.has(`${key}\nip:${client.address}`)) return `ip:${client.address}`;
    return undefined;
  }

  private remember(entry: string): void {
    this.trusted.delete(entry);
    this.trusted.set(entry, true);
    if (this.trusted.size > MAX_TRUSTED) {
      const oldest = this.trusted.keys().next().value;
      if (oldest !== undefined) this.trusted.delete(oldest);
    }
  }
}

function limited(retryAfter: number): AppError {
  const wait = Math.max(1, retryAfter);
  return new AppError('rate_limited', `too many attempts for this name; try again in ${wait} s`, wait);
}
