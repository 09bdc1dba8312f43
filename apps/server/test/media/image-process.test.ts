import fs from 'node:fs';
import os from 'node:os';
import { tempDir } from '@pairchat/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IMAGE_NICE, imageProcessPid } from '../../src/media/images.ts';
import { register, type Person } from '../helpers/client.ts';
import { startServer, TEST_STORE, type TestServer } from '../helpers/server.ts';
import { mediaEnv, png, upload } from './fixtures.ts';

/** The nice value of every thread of `pid` (Linux keeps one per thread, setpriority(2)). */
function threadPriorities(pid: number): number[] {
  return fs.readdirSync(`/proc/${pid}/task`).map((tid) => os.getPriority(Number(tid)));
}

describe(`the image process (${TEST_STORE})`, () => {
  let server: TestServer;
  let ana: Person;
  beforeAll(async () => {
    const dataDir = tempDir();
    server = await startServer({ dataDir, env: mediaEnv(dataDir) });
    ana = await register(server.url, 'ana');
  });
  afterAll(async () => {
    await server.close();
  });

  it('decodes images outside the server, every thread at a lower priority; a new one takes over when it dies', async () => {
    const bytes = await png(800, 600);
    const first = await upload(server.url, ana.token, { name: 'a.png', type: 'image/png', bytes });
    expect(first.status).toBe(201);
    const pid = imageProcessPid();
    expect(pid).toBeDefined();
    expect(pid).not.toBe(process.pid);
    expect(IMAGE_NICE).toBeGreaterThan(os.getPriority(process.pid));
    // Its libvips threads included: they start while the first image is decoded.
    const priorities = threadPriorities(pid!);
    expect(priorities.length).toBeGreaterThan(1);
    expect(new Set(priorities)).toEqual(new Set([IMAGE_NICE]));

    process.kill(pid!, 'SIGKILL');
    await vi.waitFor(() => expect(imageProcessPid()).toBeUndefined());
    const second = await upload(server.url, ana.token, { name: 'b.png', type: 'image/png', bytes });
    expect(second.status).toBe(201);
    expect(second.body.media).toMatchObject({ width: 800, height: 600 });
    expect(imageProcessPid()).not.toBe(pid);
  });
});
