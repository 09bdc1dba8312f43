import { legacyNameKey } from '@pairchat/schema';
import { dbNameFor, tempDir } from '@pairchat/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.ts';
import { call } from '../helpers/client.ts';
import { startServer, TEST_STORE, type TestServer } from '../helpers/server.ts';
import { writeLegacyMongo, writeLegacySqlite, type LegacyUser } from '../store/legacy-users.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Issue 12, item 5: accounts made under the old name rules (a lower-cased NFKC key, no skeleton) on the project's
// store, then today's server started on it.
describe('accounts stored before name skeletons', () => {
  it('keep signing in over HTTP, and their skeletons refuse new look-alikes with a 409 that says so', async () => {
    const names = ['Straße', 'STRASSE', 'Σοφός', 'ana', 'ana\u034f'];
    const users: LegacyUser[] = await Promise.all(
      names.map(async (name, i) => ({
        id: `legacy-${i}`,
        name,
        nameKey: legacyNameKey(name),
        passwordHash: await hashPassword(`pw ${i}`, 10),
        createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
      })),
    );
    const dataDir = tempDir();
    if (TEST_STORE === 'mongodb') await writeLegacyMongo(users, dbNameFor(dataDir));
    else writeLegacySqlite(dataDir, users);
    server = await startServer({ dataDir });

    const base = server.url;
    for (const [i, name] of names.entries()) {
      const res = await call(base, 'POST', '/api/auth/login', { body: { name, password: `pw ${i}` } });
      expect(res.status, name).toBe(200);
      expect(res.body.user).toMatchObject({ id: `legacy-${i}`, name, displayName: null, avatar: null, deleted: false });
    }
    const register = (name: string) =>
      call(base, 'POST', '/api/auth/register', { body: { name, password: 'correct horse' } });
    expect((await register('ANA')).body.error).toEqual({ code: 'conflict', message: 'that name is taken' });
    const lookAlike = await register('\u0430\u043e\u0456'); // Cyrillic "аоі" is fine alone…
    expect(lookAlike.status).toBe(201);
    expect((await register('aoi')).body.error).toEqual({
      code: 'conflict',
      message: 'that name looks like a taken name',
    });
  });
});
