import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { ServerFrame } from '@pairchat/schema';
import type { BusEvent, EventBus } from '../port.ts';

/** What may arrive on a channel: checked like any input from outside the process. */
const BusEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('frame'), userId: z.string(), frame: ServerFrame, origin: z.string().optional() }),
  z.object({ kind: z.literal('close-session'), userId: z.string(), sessionId: z.string() }),
]);

const channelOf = (userId: string) => `pairchat:u:${userId}`;
const SUBSCRIBE_WAIT_MS = 1000;

/**
 * Events through Redis pub/sub: one channel per person. A process subscribes to the channels of the people it
 * holds sockets for, so each event reaches only the processes that need it, once each.
 *
 * When Redis is away, events are delivered to this process's own sockets directly (people on other processes miss
 * them until their client catches up after reconnecting), the outage is logged once, and ioredis reconnects and
 * re-subscribes by itself.
 */
export class RedisBus implements EventBus {
  readonly name = 'redis';
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers: ((event: BusEvent) => void)[] = [];
  private readonly recoveryHandlers: (() => void)[] = [];
  private down = false;

  constructor(
    url: string,
    private readonly log: FastifyBaseLogger,
  ) {
    const retryStrategy = (attempt: number) => Math.min(100 * 2 ** attempt, 2000);
    // The publisher must not queue while Redis is away: a queued event would arrive late and unbounded.
    this.pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy, lazyConnect: true });
    this.sub = new Redis(url, { autoResubscribe: true, maxRetriesPerRequest: null, retryStrategy, lazyConnect: true });
    this.sub.on('message', (_channel: string, text: string) => this.onMessage(text));
    for (const client of [this.pub, this.sub]) {
      client.on('error', (err: Error) => this.markDown(err));
      // A connection lost and given back at the first retry raises no error, yet events were lost in between.
      client.on('reconnecting', () => this.markDown(new Error('connection to redis lost')));
      client.on('ready', () => this.markUp());
    }
  }

  async connect(): Promise<void> {
    await Promise.all([this.pub.connect(), this.sub.connect()]);
  }

  publish(event: BusEvent): void {
    if (this.pub.status !== 'ready') {
      this.deliverLocally(event);
      return;
    }
    this.pub.publish(channelOf(event.userId), JSON.stringify(event)).catch((err: unknown) => {
      this.markDown(err as Error);
      this.deliverLocally(event);
    });
  }

  subscribe(handler: (event: BusEvent) => void): void {
    this.handlers.push(handler);
  }

  async watch(userId: string): Promise<void> {
    // During an outage the subscription waits in ioredis's queue; the socket is not held up for it, and the client's
    // catch-up covers what it misses meanwhile.
    const subscribed = this.sub.subscribe(channelOf(userId)).catch((err: unknown) => this.markDown(err as Error));
    await Promise.race([subscribed, new Promise((r) => setTimeout(r, SUBSCRIBE_WAIT_MS).unref())]);
  }

  unwatch(userId: string): void {
    this.sub.unsubscribe(channelOf(userId)).catch((err: unknown) => this.markDown(err as Error));
  }

  async close(): Promise<void> {
    this.handlers.length = 0;
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private onMessage(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = BusEventSchema.safeParse(json);
    if (!parsed.success) {
      this.log.warn('bus: dropped a message that is not an event');
      return;
    }
    const event: BusEvent = parsed.data;
    for (const handler of this.handlers) handler(event);
  }

  private deliverLocally(event: BusEvent): void {
    for (const handler of this.handlers) handler(event);
  }

  private markDown(err: Error): void {
    if (this.down) return;
    this.down = true;
    this.log.warn({ err: err.message }, 'redis unavailable: delivering to local sockets only until it is back');
  }

  private markUp(): void {
    if (this.pub.status !== 'ready' || this.sub.status !== 'ready' || !this.down) return;
    this.down = false;
    this.log.info('redis is back: events fan out across processes again');
    for (const handler of this.recoveryHandlers) handler();
  }

  onRecovered(handler: () => void): void {
    this.recoveryHandlers.push(handler);
  }
}
