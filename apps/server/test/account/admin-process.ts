import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The owner's tool as a person runs it (`pnpm admin …` ends in this same command): its own process in apps/server,
 * configured through the environment only, with `stdin` written to it (the password) and then closed.
 */
export function runTool(args: string[], env: Record<string, string>, stdin = ''): Promise<ToolRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/admin/main.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
