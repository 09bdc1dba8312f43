import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '@pairchat/testing';
import { afterEach, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
});

it('a page path gets the built app; /api, a path under it that is no route, and a missing file are JSON 404s', async () => {
  const dataDir = tempDir();
  const web = path.join(dataDir, 'web');
  fs.mkdirSync(web);
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>pairchat</title>');
  server = await startServer({ dataDir, env: { WEB_DIST: web } });

  for (const page of ['/', '/chats/some-chat', '/settings']) {
    const res = await fetch(`${server.url}${page}`);
    expect([page, res.status, res.headers.get('content-type')?.toLowerCase()]).toEqual([
      page,
      200,
      'text/html; charset=utf-8',
    ]);
    expect(await res.text()).toContain('<title>pairchat</title>');
  }
  for (const url of ['/api', '/api/', '/api/nothing-here', '/api?x=1', '//api/chats', '/api%2Fchats', '/missing.js']) {
    const res = await fetch(`${server.url}${url}`);
    expect([url, res.status]).toEqual([url, 404]);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  }
});
