import { tempDir } from '@pairchat/testing';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { register } from '../helpers/client.ts';
import { startServer } from '../helpers/server.ts';
import { mediaEnv, upload } from './fixtures.ts';

it('a 12-megapixel photo is decoded, re-encoded and thumbnailed without stalling the event loop', async () => {
  const raw = Buffer.alloc(4000 * 3000 * 3);
  for (let i = 0; i < raw.length; i += 97) raw[i] = i % 256;
  const photo = await sharp(raw, { raw: { width: 4000, height: 3000, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
  const dataDir = tempDir();
  const server = await startServer({ dataDir, env: mediaEnv(dataDir) });
  try {
    const ana = await register(server.url, 'ana');
    // The server runs in this process: its event loop is the one measured.
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const res = await upload(server.url, ana.token, { name: 'photo.jpg', type: 'image/jpeg', bytes: photo });
    delay.disable();
    expect(res.status).toBe(201);
    expect(res.body.media).toMatchObject({ width: 4000, height: 3000 });
    // sharp works on libuv's threads, so the loop keeps turning: here the longest stall is a few tens of ms, where
    // decoding and encoding 12 MP on the loop would stall it for most of a second.
    expect(delay.max / 1e6).toBeLessThan(300);
  } finally {
    await server.close();
  }
});
