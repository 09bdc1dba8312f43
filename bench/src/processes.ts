import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { spawnNode, startServerProcess, stopProcess, waitForOutput } from '@pairchat/testing';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const HAS_TASKSET = spawnSync('taskset', ['--version']).status === 0;
/** The server gets core 0, this generator core 1 (when the machine has two and taskset exists). */
export const SERVER_CPU = '0';
export const GENERATOR_CPU = '1';
const CAN_PIN = HAS_TASKSET && os.cpus().length >= 2;
/** What a server process is started under: `taskset -c 0` when pinning is possible. */
const LAUNCHER = CAN_PIN ? ['taskset', '-c', SERVER_CPU] : [];

/** Pins this process (the generator) to its core; false when the machine cannot. */
export function pinSelf(): boolean {
  if (!CAN_PIN) return false;
  return spawnSync('taskset', ['-p', '-c', GENERATOR_CPU, String(process.pid)]).status === 0;
}

/** A process under test, by address and pid (for its memory). */
export interface Child {
  url: string;
  pid: number;
  stop(): Promise<unknown>;
}

/**
 * pairchat's real server (main.ts) on the embedded store with `synchronous=FULL` (or SQLITE_SYNCHRONOUS), or on
 * MongoDB when a URI is given, as in production (NODE_ENV=production), with the limits meant for people lifted
 * (a load test is not abuse) and room for the idle scenario's sockets per person.
 */
export async function startPairchat(opts: { mongoUri?: string } = {}): Promise<Child> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS ?? 'FULL',
    MAX_SOCKETS_PER_PERSON: '1000',
  };
  if (opts.mongoUri) Object.assign(env, { MONGODB_URI: opts.mongoUri, MONGODB_DB: `bench_${Date.now()}` });
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it exits (see BENCHMARKS.md).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return startServerProcess(env, { nodeArgs: prof, launcher: LAUNCHER, echo: true });
}

/** The bare relay (relay.ts) on a port it picks itself and prints as `RELAY_PORT=<n>`. */
export async function startRelay(): Promise<Child> {
  const { child } = spawnNode(['--import', 'tsx', 'src/relay.ts', '0'], {
    cwd: BENCH_DIR,
    launcher: LAUNCHER,
    echo: true,
  });
  const [, port] = await waitForOutput(child, /RELAY_PORT=(\d+)\n/, 'relay');
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopProcess(child) };
}

/** Resident memory of a process, in bytes, from /proc. */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}
