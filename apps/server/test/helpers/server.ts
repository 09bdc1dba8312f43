import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { CHEAP_HASHING, dbNameFor, LIFTED_LIMITS, LOOPBACK, tempDir } from '@pairchat/testing';
import { buildApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { LocalBus } from '../../src/realtime/bus/local-bus.ts';
import type { EventBus } from '../../src/realtime/bus/port.ts';
import type { Store } from '../../src/store/port.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { connectMongo } from './mongo.ts';

/** The store the integration tests run on: the embedded one, or MongoDB in the `mongodb` test project. */
export const TEST_STORE = process.env.PAIRCHAT_TEST_STORE === 'mongodb' ? 'mongodb' : 'sqlite';

/** A fresh store of the project's kind: the embedded one in `dataDir`, or a MongoDB database named after it. */
export function openTestStore(dataDir: string = tempDir()): Promise<Store> | Store {
  return TEST_STORE === 'mongodb' ? connectMongo(dbNameFor(dataDir)) : new SqliteStore(dataDir);
}

export interface TestServer {
  app: App;
  url: string;
  wsUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A real server on a random loopback port with its own data folder. By default the embedded store; a test may
 * pass a store factory (the MongoDB suite does).
 */
export async function startServer(
  opts: {
    dataDir?: string;
    env?: Record<string, string>;
    store?: (dataDir: string) => Promise<Store> | Store;
    bus?: EventBus;
    /** What the server logs to (none by default). */
    logger?: FastifyBaseLogger;
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const config = loadConfig({
    PORT: '0',
    HOST: LOOPBACK,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...CHEAP_HASHING,
    WEB_DIST: path.join(dataDir, 'no-web-build'),
    ...LIFTED_LIMITS,
    ...opts.env,
  });
  const store = await (opts.store ?? openTestStore)(dataDir);
  const app = await buildApp({ config, store, bus: opts.bus ?? new LocalBus(), logger: opts.logger ?? false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  return { app, url, wsUrl: `ws://127.0.0.1:${address.port}/ws`, dataDir, close: () => app.close() };
}
