import { tempDir } from '@pairchat/testing';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { register } from '../helpers/client.ts';
import { startServer } from '../helpers/server.ts';
import { mediaEnv, upload } from './fixtures.ts';

it('a 12-megapixel photo is decoded, measured, re-encoded and given a thumbnail', async () => {
  const raw = Buffer.alloc(4000 * 3000 * 3);
  for (let i = 0; i < raw.length; i += 97) raw[i] = i % 256;
  const photo = await sharp(raw, { raw: { width: 4000, height: 3000, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
  const dataDir = tempDir();
  const server = await startServer({ dataDir, env: mediaEnv(dataDir) });
  try {
    const ana = await register(server.url, 'ana');
    const res = await upload(server.url, ana.token, { name: 'photo.jpg', type: 'image/jpeg', bytes: photo });
    expect(res.status).toBe(201);
    expect(res.body.media).toMatchObject({ width: 4000, height: 3000 });
    const thumb = await fetch(`${server.url}/api/media/${res.body.media.id}/thumbnail`, {
      headers: { authorization: `Bearer ${ana.token}` },
    });
    expect(thumb.status).toBe(200);
    const measured = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(measured.width, measured.height)).toBe(480);
    // Whether the event loop keeps turning meanwhile is a speed goal: `pnpm bench` measures it (text latency while
    // a 12 MP thumbnail is made), not this test.
  } finally {
    await server.close();
  }
});
