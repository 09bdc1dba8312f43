import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { call, uniqueName } from '../helpers/client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Wrong sign-ins for a fresh name each time, so only the per-address limit (3 a minute) can answer 429. */
async function signInsFrom(base: string, forwardedFor: (i: number) => string, count: number): Promise<number[]> {
  const statuses = [];
  for (let i = 0; i < count; i++) {
    const res = await call(base, 'POST', '/api/auth/login', {
      body: { name: uniqueName('nobody'), password: 'wrong' },
      headers: { 'x-forwarded-for': forwardedFor(i) },
    });
    statuses.push(res.status);
  }
  return statuses;
}

const PER_ADDRESS = { AUTH_RATE_PER_ADDRESS: '3' };
const SPOOFED = (i: number) => `10.9.${i}.1, 198.51.100.8`;

describe('TRUST_PROXY trusts the configured hops, never every hop', () => {
  it('one trusted hop: a client-written X-Forwarded-For entry does not make a new address', async () => {
    server = await startServer({ env: { ...PER_ADDRESS, TRUST_PROXY: '1' } });
    // The proxy appended 198.51.100.8 (the address it saw); 10.9.i.1 is whatever the client wrote.
    expect(await signInsFrom(server.url, SPOOFED, 5)).toEqual([401, 401, 401, 429, 429]);
  });

  it('a list of proxy addresses: only entries added by those proxies are believed', async () => {
    server = await startServer({ env: { ...PER_ADDRESS, TRUST_PROXY: '127.0.0.1/8, ::1' } });
    expect(await signInsFrom(server.url, SPOOFED, 5)).toEqual([401, 401, 401, 429, 429]);
  });

  it('a peer that is not a listed proxy is the client, whatever it forwards', async () => {
    server = await startServer({ env: { ...PER_ADDRESS, TRUST_PROXY: '10.0.0.2' } });
    expect(await signInsFrom(server.url, (i) => `198.51.100.${i}`, 5)).toEqual([401, 401, 401, 429, 429]);
  });

  it('the setting is checked at start', () => {
    const trustOf = (TRUST_PROXY: string) => loadConfig({ TRUST_PROXY }).TRUST_PROXY;
    expect(trustOf('')).toBe(false);
    expect(trustOf('false')).toBe(false);
    expect(trustOf('0')).toBe(false);
    const hops = trustOf('2');
    if (typeof hops !== 'function') throw new Error('a hop count becomes a hop predicate');
    expect([hops('x', 0), hops('x', 1), hops('x', 2)]).toEqual([true, true, false]);
    const legacy = trustOf('true');
    if (typeof legacy !== 'function') throw new Error('true becomes one hop');
    expect([legacy('x', 0), legacy('x', 1)]).toEqual([true, false]);
    expect(trustOf('10.0.0.1, 10.1.0.0/16, loopback')).toEqual(['10.0.0.1', '10.1.0.0/16', 'loopback']);
    for (const bad of ['11', 'yes', '10.0.0.300', '10.0.0.0/33', 'proxy.example']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
    }
  });
});
