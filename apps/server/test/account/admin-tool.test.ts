import { CHEAP_HASHING, dbNameFor, startServerProcess, tempDir, type RunningServer } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { call, TestSocket } from '../helpers/client.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { runTool } from './admin-process.ts';

let dataDir: string;
let env: Record<string, string>;
let server: RunningServer | undefined;

beforeEach(() => {
  dataDir = tempDir('pairchat-admin-');
  // The tool opens whichever store the server's configuration names: DATA_DIR, or MONGODB_URI in that project.
  env = {
    DATA_DIR: dataDir,
    ...CHEAP_HASHING,
    ...(TEST_STORE === 'mongodb' && { MONGODB_URI: mongoUri(), MONGODB_DB: dbNameFor(dataDir) }),
  };
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const login = (name: string, password: string) =>
  call(server!.url, 'POST', '/api/auth/login', { body: { name, password } });

it('adds, lists, disables (ending a running server’s socket with 1008 within a few seconds), enables and resets', async () => {
  const added = await runTool(['add-user', 'Zoë'], env, 'first password\n');
  expect(added).toMatchObject({ code: 0 });
  expect(added.stdout).toMatch(/^added Zoë/);
  expect((await runTool(['add-user', 'zoë'], env, 'first password\n')).code).toBe(1);
  expect((await runTool(['add-user', 'bad name!'], env, 'first password\n')).code).toBe(1);
  expect((await runTool(['add-user', 'kim'], env, 'short\n')).code).toBe(1);
  expect((await runTool(['add-user'], env)).code).toBe(2);

  // The same store, opened by a server process while the tool keeps working on it.
  server = await startServerProcess({ ...env, REGISTRATION: 'closed' });
  const zoe = await login('ZOË', 'first password');
  expect(zoe.status).toBe(200);
  const socket = await TestSocket.open(server.wsUrl, zoe.body.token);

  const disabledAt = Date.now();
  const disabled = await runTool(['disable', 'zoë'], env);
  expect(disabled.stdout).toMatch(/disabled Zoë; 1 session\(s\) ended/);
  expect((await socket.closed).code).toBe(1008);
  // The sweep runs every second: the socket closed within a few, not at SESSION_CHECK_SECONDS' old minute.
  expect(Date.now() - disabledAt).toBeLessThan(10_000);
  expect((await call(server.url, 'GET', '/api/me', { token: zoe.body.token })).status).toBe(401);
  const refused = await login('zoë', 'first password');
  expect(refused.status).toBe(401);
  expect(refused.body.error.code).toBe('unauthorized');

  const list = await runTool(['list'], env);
  expect(list.stdout.split('\n')[1]).toMatch(/^Zoë\t-\tdisabled\t/);

  expect((await runTool(['enable', 'zoë'], env)).code).toBe(0);
  const back = await login('zoë', 'first password');
  expect(back.status).toBe(200);

  const reset = await runTool(['reset-password', 'zoë'], env, 'second password\n');
  expect(reset.code).toBe(0);
  expect((await call(server.url, 'GET', '/api/me', { token: back.body.token })).status).toBe(401);
  expect((await login('zoë', 'first password')).status).toBe(401);
  expect((await login('zoë', 'second password')).status).toBe(200);
  expect((await runTool(['disable', 'nobody'], env)).code).toBe(1);
  // Registration is closed on this server: the tool is the way in.
  expect(
    (await call(server.url, 'POST', '/api/auth/register', { body: { name: 'x1', password: 'password1' } })).status,
  ).toBe(403);
});
