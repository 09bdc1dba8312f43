import { Writable } from 'node:stream';
import { MAX_FRAME_BYTES } from '@pairchat/schema';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { register, TestSocket } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
});

it('a frame over 64 KiB is the client’s doing: 1009, logged at info level with its code, nothing at error level', async () => {
  const lines: { level: number; msg: string; code?: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  server = await startServer({ logger: pino({ level: 'info' }, sink) });
  const ana = await register(server.url, 'ana');
  const s = await TestSocket.open(server.wsUrl, ana.token);
  s.send({ type: 'send', to: ana.user.id, clientId: 'big', content: 'x'.repeat(MAX_FRAME_BYTES) });
  expect((await s.closed).code).toBe(1009);
  await expect
    .poll(() => lines.find((l) => l.msg === 'socket ended by its client'))
    .toMatchObject({ level: 30, code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' });
  expect(lines.filter((l) => l.level >= 50)).toEqual([]);
});
