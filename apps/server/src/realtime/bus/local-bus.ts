import type { BusEvent, EventBus } from './port.ts';

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
