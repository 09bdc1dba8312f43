import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register, type Person } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let server: TestServer;
let ana: Person;
beforeAll(async () => {
  server = await startServer();
  ana = await register(server.url, 'ana');
});
afterAll(() => server.close());

/** Writes `raw` on a new connection and answers everything the server sends back until it closes. */
function rawRequest(raw: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(raw));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** Status line and JSON body of a raw HTTP answer. */
function parse(answer: string): { status: number; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) };
}

describe('errors found before any route runs answer the contract’s error body', () => {
  it('a URL that is not well-formed percent-encoding, and an over-long path parameter: 400 bad_request', async () => {
    for (const path of ['/api/%zz', `/api/chats/${'x'.repeat(200)}/messages`]) {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${ana.token}` } });
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).not.toContain('xxxx');
    }
  });

  it('a garbled request line and headers over 16 KiB: 400 with the contract’s body, then the socket closes', async () => {
    const garbled = parse(await rawRequest('NOT HTTP AT ALL\r\n\r\n'));
    expect(garbled).toEqual({ status: 400, body: { error: { code: 'bad_request', message: 'malformed request' } } });
    const huge = parse(await rawRequest(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(huge.status).toBe(400);
    expect(huge.body).toMatchObject({ error: { code: 'bad_request' } });
  });
});
