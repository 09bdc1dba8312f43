import type { Presence } from './port.ts';
import { Tally } from './tally.ts';

/** Presence in one process: online while this process holds a socket of the person. */
export class LocalPresence implements Presence {
  private readonly sockets = new Tally();
  /** People last announced online. */
  private readonly announced = new Set<string>();

  async connected(userId: string): Promise<boolean> {
    return this.sockets.add(userId) === 1;
  }

  async disconnected(userId: string): Promise<boolean> {
    return this.sockets.has(userId) && this.sockets.remove(userId) === 0;
  }

  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    return new Set(userIds.filter((id) => this.sockets.has(id)));
  }

  async announce(userId: string, online: boolean): Promise<boolean> {
    if (this.announced.has(userId) === online) return false;
    if (online) this.announced.add(userId);
    else this.announced.delete(userId);
    return true;
  }

  onExpired(): void {}
  async close(): Promise<void> {}
}
