import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, LOOPBACK } from './ports.ts';
import { spawnWatched, stopProcess, waitForOutput, type RunningProcess } from './processes.ts';

const require = createRequire(import.meta.url);

/** A running jongodb; `uri` is the `mongodb://…` address it printed. */
export interface JongoServer extends RunningProcess {
  uri: string;
}

/**
 * Starts jongodb, the MongoDB-wire-compatible test server shipped as a native binary in an npm package
 * (`@jongodb/memory-server-bin-linux-x64-gnu`), on a free loopback port, or on `port` to bring one back where it
 * was. It stands in for mongod, which cannot be installed here, and keeps data in memory only: a restarted one is
 * empty. Resolves once it prints `JONGODB_URI=…` (the URI names a database, `/test`; adapters pick their own).
 */
export async function startJongodb(port?: number): Promise<JongoServer> {
  const pkg = require.resolve('@jongodb/memory-server-bin-linux-x64-gnu/package.json');
  const bin = path.join(path.dirname(pkg), 'bin', 'jongodb');
  port ??= await freePort();
  const { child, output } = spawnWatched(bin, [`--host=${LOOPBACK}`, `--port=${port}`]);
  const [, uri = ''] = await waitForOutput(child, /JONGODB_URI=(\S+)\s/, 'jongodb');
  return {
    uri,
    port,
    url: uri,
    pid: child.pid!,
    child,
    output,
    stop: (signal) => stopProcess(child, signal),
  };
}

/**
 * A MongoDB database name of its own for each test (random), or for each data folder (its base name, so a server
 * restarted on the same folder finds its data): `pc_` and at most 20 letters or digits.
 */
export function dbNameFor(dataDir?: string): string {
  const base = dataDir ? path.basename(dataDir) : randomUUID();
  return `pc_${base.replace(/[^A-Za-z0-9]/g, '').slice(-20)}`;
}
