import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openChat, register, sendRest, TestSocket, type Person } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import { png, upload } from './media/fixtures.ts';

let server: TestServer;
let ana: Person;
let ben: Person;
let chatId: string;

beforeAll(async () => {
  server = await startServer();
  ana = await register(server.url, 'ana');
  ben = await register(server.url, 'ben');
  chatId = (await openChat(server.url, ana, ben)).id;
  await sendRest(server.url, ana, chatId, 'the one stored message');
});
afterAll(async () => {
  await server.close();
});

/** Uploads a file as `who` and answers its media id. */
async function uploadMedia(who: Person, name: string, bytes: Buffer): Promise<string> {
  const res = await upload(server.url, who.token, { name, type: 'application/octet-stream', bytes });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status}`);
  return (res.body as { media: { id: string } }).media.id;
}

/** Everything stored that any rejected input could have touched. */
async function snapshot(): Promise<string> {
  const [a, b, m, users] = await Promise.all([
    call(server.url, 'GET', '/api/chats', { token: ana.token }),
    call(server.url, 'GET', '/api/chats', { token: ben.token }),
    call(server.url, 'GET', `/api/chats/${chatId}/messages?limit=200`, { token: ana.token }),
    call(server.url, 'GET', '/api/users?limit=100', { token: ana.token }),
  ]);
  return JSON.stringify([
    a.body,
    b.body,
    m.body,
    users.body.users.map((u: { id: string; name: string }) => [u.id, u.name]),
  ]);
}

const edgeText = fc.constantFrom(
  '\u202Eevil\u202C',
  'a\u0000b',
  '👩‍👩‍👧‍👦',
  '\uD800',
  '\uFEFF',
  'ﷺ',
  '\u200B',
  '𝕏'.repeat(20),
  '  ',
  '',
);
const operator = fc.record({ $gt: fc.string() }, { requiredKeys: [] }).map((o) => ({ ...o, $ne: null }));
const deep = fc.integer({ min: 50, max: 400 }).map((n) => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const huge = fc.integer({ min: 4001, max: 120_000 }).map((n) => 'x'.repeat(n));
/** Any value, weighted towards the ones that break parsers and validators. */
const weird = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 2, arbitrary: edgeText },
  { weight: 2, arbitrary: operator },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
);

/** A valid body with one field replaced, a field added, or a completely different value. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), weird).map(([k, v]) => ({ ...valid, [k]: v })),
    fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !keys.includes(k)),
        weird,
      )
      .map(([k, v]) => ({ ...valid, [k]: v })),
    weird,
  );
}

const ALLOWED = new Set([200, 201, 204, 400, 401, 403, 404, 409, 413, 429]);

describe('fuzzed REST bodies', () => {
  const routes: [string, () => string, Record<string, unknown>][] = [
    ['POST', () => '/api/auth/register', { name: 'fuzzy', password: 'password1' }],
    ['POST', () => '/api/auth/login', { name: 'ana', password: 'correct horse' }],
    ['POST', () => '/api/chats', { peerId: 'x' }],
    ['POST', () => `/api/chats/${chatId}/messages`, { clientId: 'fuzz', content: 'hi' }],
    ['POST', () => `/api/chats/${chatId}/read`, { seq: 0 }],
    [
      'POST',
      () => `/api/chats/${chatId}/messages`,
      { clientId: 'fuzz-reply', content: 're', kind: 'text', replyTo: 1 },
    ],
    ['POST', () => `/api/chats/${chatId}/messages`, { clientId: 'fuzz-media', kind: 'image', mediaId: 'm1' }],
    ['PATCH', () => `/api/chats/${chatId}`, { pinned: true, muted: false }],
  ];
  for (const [method, path, valid] of routes) {
    it(`${method} ${path().replace(chatId, ':id')}: never a 500, and a rejected body changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(mutated(valid), async (body) => {
          // Some mutations are valid bodies and rightly change things; compare each input with just before it.
          const before = await snapshot();
          const res = await call(server.url, method, path(), {
            token: ana.token,
            body: JSON.stringify(body) ?? 'null',
          });
          expect(ALLOWED.has(res.status), `status ${res.status} for ${JSON.stringify(body)?.slice(0, 200)}`).toBe(true);
          if (res.status >= 400) {
            expect(res.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
            expect(await snapshot()).toBe(before);
          }
        }),
        { numRuns: 60 },
      );
    }, 120_000);
  }

  it('random bytes as a JSON body: 400, never a 500', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        const res = await call(server.url, 'POST', `/api/chats/${chatId}/messages`, { token: ana.token, body: text });
        expect([400, 413]).toContain(res.status);
      }),
      { numRuns: 100 },
    );
    expect(await snapshot()).toBe(before);
  }, 120_000);

  it('random query strings: never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('before', 'after', 'around', 'limit', 'q', 'chatId', 'x'),
          fc.oneof(fc.string(), edgeText, fc.integer().map(String)),
        ),
        async (q) => {
          const qs = new URLSearchParams(q).toString();
          for (const path of [
            `/api/chats/${chatId}/messages?${qs}`,
            `/api/users?${qs}`,
            `/api/search/messages?${qs}`,
          ]) {
            const res = await call(server.url, 'GET', path, { token: ana.token });
            expect([200, 400, 404]).toContain(res.status);
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);

  it('media sends with real uploads: any kind with any media id is stored, 400 or 404 as the rule says', async () => {
    const photo = await uploadMedia(ana, 'p.png', await png(40, 30));
    const file = await uploadMedia(ana, 'f.bin', Buffer.from('not a known type of file'));
    const bens = await uploadMedia(ben, 'b.png', await png(30, 40));
    const ids = { [photo]: 'image', [file]: 'file', [bens]: 'theirs', unknown: 'unknown' } as Record<string, string>;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('image', 'file', 'voice'),
        fc.constantFrom(photo, file, bens, 'unknown'),
        async (kind, mediaId) => {
          const before = await snapshot();
          const res = await call(server.url, 'POST', `/api/chats/${chatId}/messages`, {
            token: ana.token,
            body: { clientId: `fz-${Math.random()}`, kind, mediaId },
          });
          const stored = ids[mediaId]!;
          const expected = ['theirs', 'unknown'].includes(stored)
            ? 404
            : kind === 'file' || kind === stored
              ? 201
              : 400;
          expect([kind, stored, res.status]).toEqual([kind, stored, expected]);
          if (expected !== 201) expect(await snapshot()).toBe(before);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('random seqs in message paths (recall, delete for me): never a 500, and a refusal changes nothing', async () => {
    const seq = fc.oneof(fc.string({ maxLength: 30 }), edgeText, fc.integer().map(String), fc.double().map(String));
    await fc.assert(
      fc.asyncProperty(seq, fc.constantFrom('POST', 'DELETE'), async (s, method) => {
        const before = await snapshot();
        const path = `/api/chats/${chatId}/messages/${encodeURIComponent(s.replace(/\p{Surrogate}/gu, '\uFFFD'))}${method === 'POST' ? '/recall' : ''}`;
        const res = await call(server.url, method, path, { token: ben.token });
        expect([400, 403, 404]).toContain(res.status);
        expect(await snapshot()).toBe(before);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe('fuzzed WebSocket frames', () => {
  it('every frame gets an ack or an error frame, the socket stays open, and refused frames change nothing', async () => {
    const socket = await TestSocket.open(server.wsUrl, ana.token);
    const frame = fc.oneof(
      mutated({ type: 'send', to: ben.user.id, clientId: 'fz', content: 'hi' }),
      mutated({ type: 'send', to: ben.user.id, clientId: 'fz-r', content: 'hi', replyTo: 1 }),
      mutated({ type: 'send', to: ben.user.id, clientId: 'fz-m', kind: 'voice', mediaId: 'v1' }),
      mutated({ type: 'read', chatId, seq: 1 }),
      mutated({ type: 'typing', to: ben.user.id }),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        const text = typeof f === 'string' ? f : (JSON.stringify(f) ?? 'null');
        if (Buffer.byteLength(text) > 64 * 1024) return; // the size limit closes the socket: tested in ws.test.ts
        const before = await snapshot();
        const seen = socket.frames.length;
        socket.send(text);
        // A probe after it: a socket's sends are answered in the order they came (typing and read frames are not
        // queued behind them), so once the probe's send is answered, so is `f`.
        socket.send({ type: 'send', to: 'probe-does-not-exist', clientId: 'probe', content: 'x' });
        await socket.next('error', (e) => e.clientId === 'probe');
        const answers = socket.frames.slice(seen);
        expect(socket.ws.readyState).toBe(socket.ws.OPEN);
        const acked = answers.some((a) => a.type === 'ack');
        if (!acked && typeof f === 'object' && f !== null && (f as { type?: unknown }).type === 'send') {
          expect(await snapshot()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
    await socket.close();
  }, 120_000);
});
