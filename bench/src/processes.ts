import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HAS_TASKSET = spawnSync('taskset', ['--version']).status === 0;
/** The server gets core 0, this generator core 1 (when the machine has two and taskset exists). */
export const SERVER_CPU = '0';
export const GENERATOR_CPU = '1';

export function pinSelf(): boolean {
  if (!HAS_TASKSET || os.cpus().length < 2) return false;
  return spawnSync('taskset', ['-p', '-c', GENERATOR_CPU, String(process.pid)]).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function launch(args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  const command = HAS_TASKSET && os.cpus().length >= 2 ? 'taskset' : process.execPath;
  const full = command === 'taskset' ? ['-c', SERVER_CPU, process.execPath, ...args] : args;
  return spawn(command, full, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
}

/** pairchat's real server (main.ts) on the embedded store, or on MongoDB when a URI is given. */
export async function startPairchat(opts: { mongoUri?: string } = {}): Promise<Child> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairchat-bench-'));
  const env: Record<string, string> = {
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SCRYPT_LOG_N: '10',
    NODE_ENV: 'production',
    SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS ?? 'FULL',
    // A load test is not abuse: lift the limits meant for people.
    AUTH_RATE_PER_ADDRESS: '1000000',
    AUTH_RATE_PER_NAME: '1000000',
    SEND_BURST: '1000000',
    SEND_RATE_PER_SECOND: '1000000',
    MAX_SOCKETS_PER_PERSON: '1000',
  };
  if (opts.mongoUri) Object.assign(env, { MONGODB_URI: opts.mongoUri, MONGODB_DB: `bench_${Date.now()}` });
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it exits (see BENCHMARKS.md).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = launch([...prof, '--import', 'tsx', 'src/main.ts'], path.join(ROOT, 'apps/server'), env);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not yet listening
    }
    if (i > 300) throw new Error('pairchat did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, stop: stopper(child) };
}

export async function startRelay(): Promise<Child> {
  const child = launch(['--import', 'tsx', 'src/relay.ts', '0'], path.join(ROOT, 'bench'), {});
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /RELAY_PORT=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error('relay exited')));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: stopper(child) };
}

/** Resident memory of a process, in bytes, from /proc. */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}
