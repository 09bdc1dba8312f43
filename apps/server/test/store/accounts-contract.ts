import { randomUUID } from 'node:crypto';
import type { User } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conversations } from '../../src/chat/conversations.ts';
import type { SessionRecord, Store } from '../../src/store/port.ts';
import { newMessage, storeUser } from '../helpers/store-fixtures.ts';
import type { StoreHarness } from './store-contract.ts';

const iso = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

/**
 * The primitives of profiles and accounts, written once against the port and run on every adapter: the profile
 * fields of a user wherever the store answers one (directory, chat peers), disabled and deleted accounts, the
 * owner's list, avatars, and the sessions' list, lookup by id, bulk end and batch liveness.
 */
export function accountsContract(name: string, harness: StoreHarness) {
  describe(`store contract, accounts: ${name}`, () => {
    let store: Store;
    let chats: Conversations;
    let ana: User;
    let ben: User;
    let clock = 0;
    const now = () => iso(++clock);

    beforeEach(async () => {
      store = await harness.open();
      chats = new Conversations(store);
      ana = await storeUser(store, 'ana', now());
      ben = await storeUser(store, 'ben', now());
    });
    afterEach(async () => {
      await store.close();
    });

    it('a new user has no display name or avatar and is not deleted; setProfile sets and clears each field alone', async () => {
      expect(await store.users.get(ana.id)).toEqual({
        id: ana.id,
        name: 'ana',
        displayName: null,
        avatar: null,
        deleted: false,
      });
      expect(await store.users.setProfile(ana.id, { displayName: '安娜' })).toMatchObject({ displayName: '安娜' });
      expect(await store.users.setProfile(ana.id, { avatar: 'media-1' })).toMatchObject({
        displayName: '安娜',
        avatar: 'media-1',
      });
      expect(await store.users.isAvatar('media-1')).toBe(true);
      expect(await store.users.isAvatar('media-2')).toBe(false);
      expect(await store.users.setProfile(ana.id, { displayName: null })).toMatchObject({
        displayName: null,
        avatar: 'media-1',
      });
      expect(await store.users.setProfile(randomUUID(), { displayName: 'x' })).toBeNull();
      expect((await store.users.search(ben.id, 'an', 10))[0]).toMatchObject({ id: ana.id, avatar: 'media-1' });
    });

    it('a chat box shows its peer’s current profile after refreshPeer, in the list and after a new message', async () => {
      await chats.append(newMessage(ana, ben, 'hi', now()));
      const changed = (await store.users.setProfile(ana.id, { displayName: 'Ana B.', avatar: 'a1' }))!;
      await store.chats.refreshPeer(changed);
      const [box] = await store.chats.listVisible(ben.id);
      expect(box!.peer).toEqual(changed);
      expect((await store.chats.find(ben.id, ana.id))!.peer).toEqual(changed);
      const next = await chats.append(newMessage(changed, ben, 'again', now()));
      expect(next.recipientChat!.peer).toEqual(changed);
    });

    it('a deleted account keeps its name taken, loses its password and profile, and leaves the directory', async () => {
      await store.users.setProfile(ana.id, { displayName: 'Ana', avatar: 'a1' });
      await chats.append(newMessage(ana, ben, 'bye', now()));
      expect(await store.users.markDeleted(ana.id, now())).toBe(true);
      expect(await store.users.markDeleted(ana.id, now())).toBe(false);
      const gone = (await store.users.get(ana.id))!;
      expect(gone).toEqual({ id: ana.id, name: 'ana', displayName: null, avatar: null, deleted: true });
      expect(await store.users.account(ana.id)).toMatchObject({ passwordHash: '', deleted: true });
      expect(await store.users.isAvatar('a1')).toBe(false);
      expect(await store.users.search(ben.id, 'an', 10)).toEqual([]);
      expect(await store.users.setPasswordHash(ana.id, 'h2')).toBe(false);
      expect(await store.users.setProfile(ana.id, { displayName: 'back' })).toBeNull();
      await store.chats.refreshPeer(gone);
      expect((await store.chats.listVisible(ben.id))[0]!.peer).toEqual(gone);
      await expect(
        store.users.create({
          id: randomUUID(),
          name: 'ana',
          nameKey: 'ana',
          nameSkeleton: 'ana',
          passwordHash: 'h',
          createdAt: now(),
        }),
      ).rejects.toMatchObject({ index: 'nameKey' });
    });

    it('password and disabled flag change; the owner’s list pages by name key with each state', async () => {
      expect(await store.users.setPasswordHash(ben.id, 'new-hash')).toBe(true);
      expect(await store.users.setDisabled(ben.id, true)).toBe(true);
      expect(await store.users.account(ben.id)).toMatchObject({ passwordHash: 'new-hash', disabled: true });
      expect(await store.users.findByNameKey('ben')).toMatchObject({ disabled: true });
      await storeUser(store, 'cy', now());
      await store.users.markDeleted(ana.id, now());
      const first = await store.users.list(2);
      expect(first.map((u) => [u.name, u.disabled, u.deleted])).toEqual([
        ['ana', false, true],
        ['ben', true, false],
      ]);
      expect((await store.users.list(2, first[1]!.nameKey)).map((u) => u.name)).toEqual(['cy']);
      expect(await store.users.setDisabled(ben.id, false)).toBe(true);
      expect(await store.users.account(ben.id)).toMatchObject({ disabled: false });
    });

    it('sessions: listed per user by last activity, touched, found by id for their owner only, ended in bulk', async () => {
      const session = (id: string, userId: string, lastSeenAt: string, expiresAt = iso(100_000)): SessionRecord => ({
        id,
        tokenHash: `hash-${id}`,
        userId,
        createdAt: iso(0),
        expiresAt,
        lastSeenAt,
        userAgent: id === 'a1' ? 'Firefox' : null,
      });
      for (const s of [
        session('a1', ana.id, iso(10)),
        session('a2', ana.id, iso(30)),
        session('a3', ana.id, iso(20)),
        session('old', ana.id, iso(5), iso(50)),
        session('b1', ben.id, iso(40)),
      ])
        await store.sessions.create(s);
      const at = iso(60);
      expect((await store.sessions.listByUser(ana.id, at)).map((s) => s.id)).toEqual(['a2', 'a3', 'a1']);
      await store.sessions.touch('hash-a1', iso(55));
      const listed = await store.sessions.listByUser(ana.id, at);
      expect(listed[0]).toEqual(session('a1', ana.id, iso(55)));
      expect(await store.sessions.byId(ana.id, 'a2')).toMatchObject({ tokenHash: 'hash-a2' });
      expect(await store.sessions.byId(ana.id, 'b1')).toBeNull();
      expect(await store.sessions.liveAmong(['hash-a1', 'hash-old', 'hash-b1', 'nope'], at)).toEqual(
        new Set(['hash-a1', 'hash-b1']),
      );
      const ended = await store.sessions.deleteByUser(ana.id, 'a3');
      expect(ended.map((s) => s.id).sort()).toEqual(['a1', 'a2', 'old']);
      expect((await store.sessions.listByUser(ana.id, at)).map((s) => s.id)).toEqual(['a3']);
      expect(await store.sessions.get('hash-b1', at)).not.toBeNull();
      expect((await store.sessions.deleteByUser(ana.id)).map((s) => s.id)).toEqual(['a3']);
      expect(await store.sessions.listByUser(ana.id, at)).toEqual([]);
      expect(await store.sessions.liveAmong([], at)).toEqual(new Set());
    });
  });
}
