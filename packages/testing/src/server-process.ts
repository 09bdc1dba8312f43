import { type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CHEAP_HASHING, LIFTED_LIMITS } from './env.ts';
import { freePort, LOOPBACK, tempDir } from './ports.ts';
import { spawnNode, stopProcess, type RunningProcess } from './processes.ts';

/** apps/server, found by path: this package starts the server as a process and never imports its code. */
const SERVER_DIR = fileURLToPath(new URL('../../../apps/server', import.meta.url));

/** A running pairchat server process (see {@link startServerProcess}). */
export interface RunningServer extends RunningProcess {
  /** `ws://127.0.0.1:<port>/ws`. */
  wsUrl: string;
  /** The DATA_DIR it runs on. */
  dataDir: string;
}

export interface ServerProcessOptions {
  /** The port to listen on (to bring a server back where it was); a free one by default. */
  port?: number;
  /** Extra arguments for node before the entry point, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** A command the node process runs under, e.g. `['taskset', '-c', '0']` to pin it to a core. */
  launcher?: string[];
  /** Copy the server's output to this process's stderr. */
  echo?: boolean;
  /** How long to wait for the server to answer `/api/health`, in ms. 30 s by default. */
  timeoutMs?: number;
}

/**
 * pairchat's real server as its own process: `node --import tsx src/main.ts` in apps/server (one process, so a
 * SIGKILL reaches the server itself and not a launcher), configured only through the environment: loopback, a free
 * port, a fresh DATA_DIR, warnings only, {@link CHEAP_HASHING}, {@link LIFTED_LIMITS}, then `env` on top.
 * Resolves once `GET /api/health` answers 200; rejects with the server's last output if it exits first or does not
 * answer within `timeoutMs`.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  opts: ServerProcessOptions = {},
): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const dataDir = env.DATA_DIR ?? tempDir('pairchat-server-');
  const fullEnv = {
    ...process.env,
    HOST: LOOPBACK,
    LOG_LEVEL: 'warn',
    ...CHEAP_HASHING,
    ...LIFTED_LIMITS,
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
  };
  const args = [...(opts.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'];
  const { child, output } = spawnNode(args, {
    cwd: SERVER_DIR,
    env: fullEnv,
    echo: opts.echo,
    launcher: opts.launcher,
  });
  const url = `http://${LOOPBACK}:${port}`;
  try {
    await untilHealthy(url, child, opts.timeoutMs ?? 30_000);
  } catch (err) {
    await stopProcess(child, 'SIGKILL');
    throw new Error(`pairchat server on port ${port}: ${(err as Error).message}\n${output().slice(-1000)}`);
  }
  return {
    port,
    url,
    wsUrl: `ws://${LOOPBACK}:${port}/ws`,
    dataDir,
    pid: child.pid!,
    child,
    output,
    stop: (signal) => stopProcess(child, signal),
  };
}

/**
 * Asks `GET /api/health` until it answers 200: each probe is a full HTTP round trip, so success means the server
 * accepts requests and reaches its store. Between refused probes it waits 50 ms, or less if the child exits.
 */
async function untilHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited with ${child.exitCode ?? child.signalCode} before it answered`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`did not answer /api/health within ${timeoutMs} ms`);
    await Promise.race([delay(50), exited]);
  }
}
