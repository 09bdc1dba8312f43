import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { tempDir } from '@pairchat/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register, type Person } from '../helpers/client.ts';
import { startServer, TEST_STORE, type TestServer } from '../helpers/server.ts';
import { mediaEnv, png } from './fixtures.ts';

let server: TestServer;
let dataDir: string;
let ana: Person;
let realPng: Buffer;

beforeAll(async () => {
  dataDir = tempDir();
  server = await startServer({ dataDir, env: { ...mediaEnv(dataDir), MEDIA_MAX_BYTES: String(64 * 1024) } });
  ana = await register(server.url, 'ana');
  realPng = await png(8, 8);
});
afterAll(async () => {
  await server.close();
});

const BOUNDARY = 'fuzz-boundary';

/** Mostly a well-formed part, now and then an odd one, so that every kind of answer is reached. */
const usually = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: good, weight: 5 }, { arbitrary: odd, weight: 1 });
const rarely = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: arb, weight: 1 });

/** One part: its header lines (any of them may be missing or odd) and its content. */
const part = fc.record({
  disposition: usually(fc.constant('form-data'), fc.oneof(fc.constant('attachment'), fc.string({ maxLength: 20 }))),
  name: usually(
    fc.constant<string | undefined>('file'),
    fc.oneof(fc.constant(undefined), fc.constant('other'), fc.string({ maxLength: 12 })),
  ),
  filename: fc.oneof(
    fc.constant('photo.png'),
    fc.constant(undefined),
    fc.constant(''),
    fc.constant('../../etc/passwd'),
    fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/["\r\n]/g, '')),
  ),
  type: fc.oneof(
    fc.constant(undefined),
    fc.constant('application/octet-stream'),
    fc.constant('image/png'),
    fc.constant('audio/ogg'),
    fc.constant('text/plain'),
    fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, '')),
  ),
  content: fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.constant('png' as const),
    fc.constant('big' as const),
  ),
});

/** A multipart body of (mostly) one such part, now and then cut short, unclosed or with bytes before it. */
const body = fc.record({
  parts: usually(fc.array(part, { minLength: 1, maxLength: 1 }), fc.array(part, { maxLength: 3 })),
  close: usually(fc.constant(true), fc.constant(false)),
  cutAt: rarely(fc.nat()),
  preamble: rarely(fc.string({ maxLength: 30 })),
});

type Body = typeof body extends fc.Arbitrary<infer T> ? T : never;

function encode(b: Body): Buffer {
  const chunks: Buffer[] = [];
  if (b.preamble !== undefined) chunks.push(Buffer.from(`${b.preamble}\r\n`));
  for (const p of b.parts) {
    const params = [
      p.disposition,
      ...(p.name !== undefined ? [`name="${p.name.replace(/["\r\n]/g, '')}"`] : []),
      ...(p.filename !== undefined ? [`filename="${p.filename}"`] : []),
    ].join('; ');
    const headers = [`Content-Disposition: ${params}`, ...(p.type !== undefined ? [`Content-Type: ${p.type}`] : [])];
    const content =
      p.content === 'png' ? realPng : p.content === 'big' ? Buffer.alloc(70 * 1024, 7) : Buffer.from(p.content);
    chunks.push(
      Buffer.from(`--${BOUNDARY}\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'),
      content,
      Buffer.from('\r\n'),
    );
  }
  if (b.close) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  const all = Buffer.concat(chunks);
  return b.cutAt === undefined ? all : all.subarray(0, b.cutAt % (all.length + 1));
}

/** What is left where uploads are received (the disk store's own tmp/; GridFS's spool is the system's, shared). */
const spoolLeft = () => (TEST_STORE === 'sqlite' ? fs.readdirSync(path.join(dataDir, 'media', 'tmp')) : []);

describe(`fuzzed uploads (${TEST_STORE})`, () => {
  it('any multipart body gets 201 or the contract’s 400, 413 or 415, never a 500; nothing is left behind', async () => {
    const seen: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await fetch(`${server.url}/api/media`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${ana.token}`,
            'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          },
          body: encode(b),
        });
        const answer = (await res.json()) as { media?: unknown; error?: { code: string } };
        seen[res.status] = (seen[res.status] ?? 0) + 1;
        expect([201, 400, 413, 415], JSON.stringify(answer)).toContain(res.status);
        if (res.status !== 201) {
          expect(answer.error?.code).toBe(
            { 400: 'bad_request', 413: 'payload_too_large', 415: 'unsupported_media_type' }[res.status],
          );
        }
      }),
      { numRuns: 150 },
    );
    // The bodies reach every answer, taken ones included (so the generator is not refusing everything at the door).
    expect(Object.keys(seen).sort()).toEqual(['201', '400', '413', '415']);
    await expect.poll(spoolLeft).toEqual([]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 120_000);
});
