import { afterEach, describe, expect, it } from 'vitest';
import { call, register, uniqueName } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// One trusted proxy hop, so each request can come from the address it names, as it would behind a real proxy.
const LIMITS = {
  TRUST_PROXY: '1',
  AUTH_RATE_PER_ADDRESS: '1000',
  AUTH_RATE_PER_NAME: '3',
  AUTH_NAME_BUDGET_PER_HOUR: '5',
};
const OWNER_HOME = '198.51.100.7';

function login(base: string, name: string, password: string, from: string, cookie?: string) {
  return call(base, 'POST', '/api/auth/login', {
    body: { name, password },
    headers: { 'x-forwarded-for': from, ...(cookie && { cookie }) },
  });
}

/** Registers from `from`; the device cookie that sign-in set, as `name=value`. */
async function registerFrom(base: string, name: string, from: string): Promise<string> {
  const res = await call(base, 'POST', '/api/auth/register', {
    body: { name, password: 'correct horse' },
    headers: { 'x-forwarded-for': from },
  });
  expect(res.status).toBe(201);
  return deviceCookie(res.headers);
}

/** The device cookie a successful sign-in sets, as `name=value`. */
function deviceCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('pairchat_device='));
  if (!cookie) throw new Error('no device cookie');
  return cookie.split(';', 1)[0]!;
}

describe('no lockout a stranger can cause (OWASP Authentication Cheat Sheet)', () => {
  it('an attacker hammering a name from many addresses is slowed, and the owner still signs in', async () => {
    server = await startServer({ env: LIMITS });
    const name = uniqueName('owner');
    const device = await registerFrom(server.url, name, OWNER_HOME);

    // The attacker: one guess from each of 20 addresses. The shared budget of untrusted clients runs out.
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await login(server.url, name, `guess ${i}`, `203.0.113.${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    const refused = await login(server.url, name, 'correct horse', '203.0.113.99');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // The owner: from the address they signed in from before, and from anywhere with their device cookie.
    expect((await login(server.url, name, 'correct horse', OWNER_HOME)).status).toBe(200);
    expect((await login(server.url, name, 'correct horse', '192.0.2.50', device)).status).toBe(200);
    // A cookie that never signed in as this name earns nothing.
    const forged = 'pairchat_device=' + 'A'.repeat(43);
    expect((await login(server.url, name, 'correct horse', '192.0.2.51', forged)).status).toBe(429);
  });

  it('a guesser behind the owner’s own address is still limited, without stopping the owner’s device', async () => {
    server = await startServer({ env: LIMITS });
    const name = uniqueName('owner');
    const device = await registerFrom(server.url, name, OWNER_HOME);
    // Someone else behind the same address (a shared NAT) guesses: 3 a minute for this name from here.
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(server.url, name, `guess ${i}`, OWNER_HOME)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect((await login(server.url, name, 'correct horse', OWNER_HOME, device)).status).toBe(200);
  });

  it('limits are per name: guessing one name does not slow signing in to another', async () => {
    server = await startServer({ env: LIMITS });
    const victim = uniqueName('victim');
    const other = await register(server.url, uniqueName('other'));
    for (let i = 0; i < 10; i++) await login(server.url, victim, 'x', `203.0.113.${i}`);
    expect((await login(server.url, other.user.name, 'correct horse', '203.0.113.1')).status).toBe(200);
  });
});
