import { tempDir } from '@pairchat/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AuthService, LAST_SEEN_EVERY_MS } from '../../src/auth/auth-service.ts';
import type { Store } from '../../src/store/port.ts';
import { openTestStore } from '../helpers/server.ts';

let store: Store;
let clock: number;
let auth: AuthService;

beforeEach(async () => {
  store = await openTestStore(tempDir());
  clock = Date.UTC(2026, 0, 1);
  auth = new AuthService(store, { scryptLogN: 10, sessionTtlSeconds: 86_400, now: () => new Date(clock) });
});
afterEach(async () => {
  await store.close();
});

it('a session’s lastSeenAt is written when it is used, at most once a minute; its user agent is kept', async () => {
  const { user, token } = await auth.register('ana', 'correct horse', 'Browser/1.0');
  const [made] = await store.sessions.listByUser(user.id, new Date(clock).toISOString());
  expect(made).toMatchObject({ userAgent: 'Browser/1.0', lastSeenAt: new Date(clock).toISOString() });

  clock += LAST_SEEN_EVERY_MS - 1;
  expect(await auth.authenticate(token)).not.toBeNull();
  const seen = async () => (await store.sessions.byId(user.id, made!.id))!.lastSeenAt;
  expect(await seen()).toBe(made!.lastSeenAt);

  clock += 1;
  const found = await auth.authenticate(token);
  expect(found!.session.lastSeenAt).toBe(new Date(clock).toISOString());
  expect(await seen()).toBe(new Date(clock).toISOString());
});

it('a disabled account cannot sign in (401 as a wrong pair); a deleted one’s token stops working', async () => {
  const ana = await auth.register('ana', 'correct horse');
  await store.users.setDisabled(ana.user.id, true);
  await expect(auth.login('ana', 'correct horse')).rejects.toMatchObject({ code: 'unauthorized' });
  await store.users.setDisabled(ana.user.id, false);
  const again = await auth.login('ana', 'correct horse');
  await store.users.markDeleted(ana.user.id, new Date(clock).toISOString());
  expect(await auth.authenticate(again.token)).toBeNull();
  await expect(auth.login('ana', 'correct horse')).rejects.toMatchObject({ code: 'unauthorized' });
});
