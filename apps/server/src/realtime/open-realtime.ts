import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { LocalBus } from './bus/local-bus.ts';
import type { EventBus } from './bus/port.ts';
import { RedisBus } from './bus/redis/redis-bus.ts';
import { LocalPresence } from './presence/local-presence.ts';
import type { Presence } from './presence/port.ts';
import { RedisPresence } from './presence/redis-presence.ts';

/** Picks the event bus and presence from configuration: Redis when REDIS_URL is set, else this process alone. */
export async function openRealtime(
  config: Config,
  log: FastifyBaseLogger,
): Promise<{ bus: EventBus; presence: Presence }> {
  if (!config.REDIS_URL) return { bus: new LocalBus(), presence: new LocalPresence() };
  const bus = new RedisBus(config.REDIS_URL, log);
  const presence = new RedisPresence(config.REDIS_URL, config.PRESENCE_TTL_SECONDS * 1000, log);
  await Promise.all([bus.connect(), presence.connect()]);
  return { bus, presence };
}
