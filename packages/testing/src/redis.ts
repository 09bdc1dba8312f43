import { freePort, LOOPBACK } from './ports.ts';
import { spawnWatched, stopProcess, waitForOutput, type RunningProcess } from './processes.ts';

/**
 * A real redis-server (Debian's, from PATH) on a loopback port, with no persistence (`--save ''`, no AOF).
 * Resolves once it logs that it accepts connections; `url` is `redis://127.0.0.1:<port>`.
 */
export async function startRedis(port?: number): Promise<RunningProcess> {
  port ??= await freePort();
  const { child, output } = spawnWatched('redis-server', [
    '--port',
    String(port),
    '--bind',
    LOOPBACK,
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  await waitForOutput(child, /Ready to accept connections/, 'redis-server');
  return {
    port,
    url: `redis://${LOOPBACK}:${port}`,
    pid: child.pid!,
    child,
    output,
    stop: (signal) => stopProcess(child, signal),
  };
}
