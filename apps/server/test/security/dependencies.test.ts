import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

/** [major, minor, patch] of a plain semver version. */
const parts = (v: string) => v.split('-', 1)[0]!.split('.').map(Number);
const atLeast = (v: string, min: string) => {
  const [a, b] = [parts(v), parts(min)];
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return true;
};

// CVE-2024-37890 (GHSA-3h5v-q93c-6h6q): a request with more headers than the server's limit crashes ws before
// 8.17.1. The copy that serves /ws is the one @fastify/websocket resolves, so that is the one checked.
it('the ws that serves the WebSocket route is 8.17.1 or later', () => {
  const fromServer = createRequire(import.meta.url);
  const fromPlugin = createRequire(fromServer.resolve('@fastify/websocket'));
  const { version } = fromPlugin('ws/package.json') as { version: string };
  expect(atLeast(version, '8.17.1'), version).toBe(true);
  expect(atLeast('8.17.0', '8.17.1')).toBe(false);
});
