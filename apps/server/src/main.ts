import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp, type App } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openRealtime } from './realtime/open-realtime.ts';
import { openStore } from './store/open-store.ts';
import { DataDirTakenError, holdDataDir } from './store/sqlite/data-dir-lock.ts';

/** Files the process creates are its user's alone (the store's and media's are also made 0600 explicitly). */
const PRIVATE_UMASK = 0o077;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`pairchat: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  process.umask(PRIVATE_UMASK);
  if (!config.MONGODB_URI) {
    try {
      holdDataDir(config.DATA_DIR);
    } catch (err) {
      if (err instanceof DataDirTakenError) {
        process.stderr.write(`pairchat: ${err.message}\n`);
        process.exit(1);
      }
      throw err;
    }
  }
  const logger = pino({ level: config.LOG_LEVEL });
  const store = await openStore(config);
  const { bus, presence } = await openRealtime(config, logger);
  const app = await buildApp({ config, store, bus, presence, logger });

  // SIGTERM/SIGINT (or a crash): close gracefully, and exit within SHUTDOWN_TIMEOUT_MS whatever happens — if closing
  // has not finished by then, close-with-grace exits with 1.
  const timeoutMs = config.SHUTDOWN_TIMEOUT_MS;
  const closer = closeWithGrace({ delay: timeoutMs, logger: app.log, skip: [...STOP_SIGNALS] }, async ({ err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    await closeWithin(app, timeoutMs / 2);
  });
  onStopSignal((signal) => {
    app.log.info({ signal }, 'shutting down');
    void closer.close();
  });

  await app.listen({ port: config.PORT, host: config.HOST });
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** A stop signal this soon after the first is the same stop delivered twice, not someone insisting. */
const SAME_STOP_MS = 1000;

/**
 * Calls `stop` on the first SIGINT or SIGTERM. One that follows within SAME_STOP_MS is the same stop delivered
 * twice and is ignored: a signal to the process group (Ctrl-C, a supervisor's group kill) reaches this process and
 * `scripts/start.mjs`, which passes it on too, and close-with-grace would take the second for an operator's
 * "now!" and exit with 1 in the middle of the graceful close. A later one still exits at once with 1, as before.
 */
function onStopSignal(stop: (signal: NodeJS.Signals) => void): void {
  let first = 0;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (first === 0) {
        first = Date.now();
        stop(signal);
      } else if (Date.now() - first >= SAME_STOP_MS) {
        process.stderr.write(`pairchat: second ${signal}, exiting\n`);
        process.exit(1);
      }
    });
  }
}

/**
 * Closes the app: the listener stops taking connections, sends in flight are stored and acked, sockets close with
 * 1001, idle keep-alive connections close, then the store and bus. Clients cannot hold that up past `forceAfterMs`:
 * then every connection still open is cut — a half-sent request (which Node never counts as idle, and whose
 * headers timeout stops being checked once the server closes), or a WebSocket that stopped reading and would
 * otherwise be waited for through ws's 30 s close handshake — so the store and bus still close in time.
 */
async function closeWithin(app: App, forceAfterMs: number): Promise<void> {
  const force = setTimeout(() => {
    app.log.warn('cutting the connections still open');
    for (const client of app.websocketServer.clients) client.terminate();
    app.server.closeAllConnections();
  }, forceAfterMs);
  try {
    await app.close();
  } finally {
    clearTimeout(force);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`pairchat: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
