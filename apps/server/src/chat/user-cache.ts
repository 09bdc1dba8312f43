import type { User } from '@pairchat/schema';
import type { UserTable } from '../store/port.ts';

/**
 * Users by id for the send path (saves the store a lookup per send). A user's profile can change and an account
 * can be deleted: the process that makes the change calls `forget`; every other process sees it once the entry
 * is `ttlMs` old (10 s by default), so a send to an account just deleted on another process can still be stored
 * within that window, and is refused after it.
 */
export class UserCache {
  private static readonly MAX = 50_000;
  private readonly entries = new Map<string, { user: User; at: number }>();

  constructor(
    private readonly users: Pick<UserTable, 'get'>,
    private readonly ttlMs = 10_000,
  ) {}

  /** The user, from the cache while its entry is fresh, else from the store; null when unknown. */
  async get(id: string): Promise<User | null> {
    const now = Date.now();
    const cached = this.entries.get(id);
    if (cached && now - cached.at < this.ttlMs) return cached.user;
    const user = await this.users.get(id);
    if (user) {
      if (this.entries.size >= UserCache.MAX) this.entries.clear();
      this.entries.set(id, { user, at: now });
    } else {
      this.entries.delete(id);
    }
    return user;
  }

  /** The user changed on this process: the next lookup reads the store. */
  forget(id: string): void {
    this.entries.delete(id);
  }
}
