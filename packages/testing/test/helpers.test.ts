import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  freePort,
  LOOPBACK,
  spawnNode,
  startJongodb,
  startRedis,
  startServerProcess,
  waitForOutput,
  type RunningProcess,
} from '../src/index.ts';

const started: RunningProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop('SIGKILL')));
});

const listenOn = (port: number) =>
  new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve(server));
  });

describe('freePort', () => {
  it('gives a loopback port that can be listened on, and not the same one twice in a row', async () => {
    const [a, b] = [await freePort(), await freePort()];
    expect(a).not.toBe(b);
    const server = await listenOn(a);
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('tempDir', () => {
  it('makes an empty folder that is removed, with its contents, when the process that made it exits', () => {
    // Run where tsx is installed (the server's folder, as startServerProcess does), importing this package's source.
    const script = `
      import fs from 'node:fs';
      import { tempDir } from ${JSON.stringify(new URL('../src/ports.ts', import.meta.url).href)};
      const dir = tempDir('pairchat-exit-');
      fs.mkdirSync(dir + '/media');
      fs.writeFileSync(dir + '/media/upload', 'bytes');
      console.log(dir);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../../apps/server', import.meta.url)),
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const dir = run.stdout.trim();
    expect(dir).toMatch(/pairchat-exit-/);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('startServerProcess', () => {
  it('resolves once the server answers, with the abuse limits lifted; SIGTERM ends it with 0', async () => {
    const server = await startServerProcess();
    started.push(server);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // Past the default of 20 sign-ups per address and minute (apps/server/src/config.ts).
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${server.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `lifted${i}`, password: 'a long enough password' }),
      });
      expect(res.status).toBe(201);
    }
    expect(await server.stop()).toBe(0);
  }, 30_000);

  it('rejects with what the server said when it cannot start', async () => {
    await expect(startServerProcess({ LOG_LEVEL: 'chatty' })).rejects.toThrow(/bad configuration: LOG_LEVEL/);
  }, 30_000);
});

describe('stand-ins', () => {
  it('startJongodb prints a mongodb:// address on the loopback port it was given', async () => {
    const port = await freePort();
    const mongo = await startJongodb(port);
    started.push(mongo);
    expect(mongo.uri).toMatch(new RegExp(`^mongodb://${LOOPBACK}:${port}/`));
    await expect(listenOn(port)).rejects.toThrow(/EADDRINUSE/);
  }, 30_000);

  it('startRedis answers PING', async () => {
    const redis = await startRedis();
    started.push(redis);
    const socket = net.connect(redis.port, LOOPBACK);
    socket.write('PING\r\n');
    const reply = await new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
    socket.destroy();
    expect(reply).toBe('+PONG\r\n');
  }, 30_000);

  it('waitForOutput rejects when the process exits before printing what is awaited', async () => {
    const { child } = spawnNode(['-e', 'console.log("not it"); process.exit(3)']);
    await expect(waitForOutput(child, /READY/, 'the child')).rejects.toThrow(/the child exited with 3: not it/);
  });
});
