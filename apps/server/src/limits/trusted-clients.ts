/**
 * A set of entries that each expire some time after they were last added: the login limits' memory of which clients
 * signed in as which name (`routes/auth/login-limits.ts`). Entries are opaque strings (the caller hashes what it
 * stores). In memory without REDIS_URL ({@link MemoryTrustedClients}); in Redis with it (`redis-limits.ts`), so a
 * client trusted by one process is trusted by all.
 */
export interface TrustedClients {
  /** Whether `entry` was added within its time to live. */
  has(entry: string): Promise<boolean>;
  /** Adds `entry`, or renews its time to live. */
  add(entry: string): Promise<void>;
}

/**
 * {@link TrustedClients} in this process's memory: a Map kept in insertion order, so when it holds `maxEntries` the
 * least recently added goes first (about 150 bytes an entry); an entry also goes once `ttlMs` has passed since it was
 * last added. A restart forgets them all.
 */
export class MemoryTrustedClients implements TrustedClients {
  /** Entry → when it expires (ms since the epoch). */
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async has(entry: string): Promise<boolean> {
    const expires = this.entries.get(entry);
    if (expires === undefined) return false;
    if (expires > this.now()) return true;
    this.entries.delete(entry);
    return false;
  }

  async add(entry: string): Promise<void> {
    this.entries.delete(entry);
    this.entries.set(entry, this.now() + this.ttlMs);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
