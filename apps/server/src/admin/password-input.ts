import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { AdminError } from './admin-error.ts';

/**
 * A password for the admin tool, never from argv (it would show in `ps` and the shell's history): typed at a prompt
 * without echo, twice, when stdin is a terminal; otherwise the first line of stdin (`printf '%s\n' "$PW" | pnpm admin
 * add-user ana`).
 */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLine();
  const first = await prompt('password: ');
  const again = await prompt('again: ');
  if (first !== again) throw new AdminError('the two passwords differ');
  return first;
}

async function firstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new AdminError('no password on stdin');
}

/** Asks on stderr and reads one line with the terminal's echo off (what is typed goes to a muted stream). */
function prompt(question: string): Promise<string> {
  process.stderr.write(question);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
