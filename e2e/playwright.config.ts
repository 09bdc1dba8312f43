import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { E2E_SERVER_ENV } from './fixtures/server.ts';

const PORT = Number(process.env.E2E_PORT ?? 3310);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairchat-e2e-web-'));

/**
 * End-to-end tests in Debian's Chromium (no browser download) against the production build served by the real
 * server on its embedded store.
 */
export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // A fake microphone (a beep) that needs no permission prompt: the voice messages of media.spec.ts.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'pnpm --dir .. --filter @pairchat/server --silent start',
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { ...E2E_SERVER_ENV, PORT: String(PORT), DATA_DIR: dataDir },
  },
});
