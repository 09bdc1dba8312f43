import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { freePort, tempDir } from '@pairchat/testing';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const answers = (url: string) =>
  fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
    (res) => res.ok,
    () => false,
  );

// docs/deploy.md: run `pnpm start` under a supervisor that sends SIGTERM to stop it. A supervisor that signals only
// the process it started reaches pnpm, which exits without passing the signal on (and so does the shell under it):
// scripts/start.mjs must then stop the server itself.
test('SIGTERM to `pnpm start` alone stops the server', async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Its own process group, so the signal below reaches pnpm only, and the clean-up can reach every process.
  const pnpm = spawn('pnpm', ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: tempDir('pairchat-start-'),
      LOG_LEVEL: 'warn',
    },
  });
  try {
    await expect.poll(() => answers(url), { timeout: 60_000 }).toBe(true);
    process.kill(pnpm.pid!, 'SIGTERM');
    await expect.poll(() => answers(url), { timeout: 15_000 }).toBe(false);
  } finally {
    try {
      process.kill(-pnpm.pid!, 'SIGKILL');
    } catch {
      // the whole group is gone already
    }
  }
});
