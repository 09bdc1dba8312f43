import { spawn, type ChildProcess } from 'node:child_process';

/** A child process a helper started, and how to end it. */
export interface RunningProcess {
  port: number;
  /** How to reach it: `http://127.0.0.1:<port>`, `redis://…` or `mongodb://…`. */
  url: string;
  pid: number;
  child: ChildProcess;
  /** The last few kilobytes the process wrote to stdout and stderr, for error messages. */
  output(): string;
  /**
   * Sends `signal` (SIGTERM by default; SIGKILL to cut it off like a crash) and resolves with the exit code once it
   * has exited (null when a signal ended it). A SIGTERM not obeyed within 5 s is followed by SIGKILL.
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const TAIL_CHARS = 4000;

/**
 * Spawns `command` with stdout and stderr piped and always drained (a full pipe would stall the child), keeping the
 * last few kilobytes; with `echo`, they are also copied to this process's stderr.
 */
export function spawnWatched(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; echo?: boolean } = {},
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
    if (opts.echo) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => tail };
}

/**
 * Runs this Node (`process.execPath`) with `args` through {@link spawnWatched}, under `launcher` when given (a
 * command and its arguments, e.g. `['taskset', '-c', '0']` to pin it to a core).
 */
export function spawnNode(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; echo?: boolean; launcher?: string[] } = {},
): { child: ChildProcess; output: () => string } {
  const [command = process.execPath, ...prefix] = [...(opts.launcher ?? []), process.execPath];
  return spawnWatched(command, [...prefix, ...args], opts);
}

/**
 * Resolves with the first match of `pattern` in what the child writes (stdout and stderr together); rejects when it
 * exits first or after `timeoutMs`. `what` names the process in the error.
 */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  timeoutMs = 20_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString('utf8')).slice(-TAIL_CHARS);
      const match = pattern.exec(out);
      if (match) {
        done();
        resolve(match);
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`${what} exited with ${code}: ${out.slice(-500)}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what} did not start within ${timeoutMs} ms: ${out.slice(-500)}`));
    }, timeoutMs);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** See {@link RunningProcess.stop}. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    const escalate = setTimeout(() => child.kill('SIGKILL'), 5000);
    escalate.unref();
    child.once('exit', (code) => {
      clearTimeout(escalate);
      resolve(code);
    });
    child.kill(signal);
  });
}
