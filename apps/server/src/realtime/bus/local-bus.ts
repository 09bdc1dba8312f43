import type { BusEvent, EventBus, PresenceTracker } from './port.ts';
import { Tally } from './tally.ts';

/** The single-process bus: events go straight to this process's sockets. */
export class LocalBus implements EventBus {
  readonly name = 'local';
  private readonly handlers: ((event: BusEvent) => void)[] = [];

  publish(event: BusEvent): void {
    for (const handler of this.handlers) handler(event);
  }

  subscribe(handler: (event: BusEvent) => void): void {
    this.handlers.push(handler);
  }

  async watch(): Promise<void> {}
  unwatch(): void {}

  async close(): Promise<void> {
    this.handlers.length = 0;
  }
}

/** Presence in one process: online while this process holds a socket of the person. */
export class LocalPresence implements PresenceTracker {
  private readonly sockets = new Tally();

  async connected(userId: string): Promise<boolean> {
    return this.sockets.add(userId) === 1;
  }

  async disconnected(userId: string): Promise<boolean> {
    return this.sockets.has(userId) && this.sockets.remove(userId) === 0;
  }

  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    return new Set(userIds.filter((id) => this.sockets.has(id)));
  }

  onExpired(): void {}
  async close(): Promise<void> {}
}
