import { randomUUID } from 'node:crypto';
import { pairKey, type User } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conversations } from '../../src/chat/conversations.ts';
import { DuplicateError, NameTakenError, type Store } from '../../src/store/port.ts';
import { contactsContract } from '../contacts/contacts-store-contract.ts';
import { newMessage, storeUser } from '../helpers/store-fixtures.ts';
import type { LegacyUser } from './legacy-users.ts';

export interface StoreHarness {
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** The same data opened again, as after a restart. */
  reopen(store: Store): Promise<Store>;
  /** A store whose users were written the old way (no skeleton, the schema before it), opened by today's code. */
  openWithLegacyUsers(users: LegacyUser[]): Promise<Store>;
}

const iso = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

/**
 * The behaviour every store adapter must have, written once against the port. `needsRealServer` names tests
 * that the adapter's test server cannot run, with the reason; they are reported as skipped, never as passed.
 */
export function storeContract(name: string, harness: StoreHarness, needsRealServer: Record<string, string> = {}) {
  const test = (title: string, fn: () => Promise<void>) => {
    const reason = needsRealServer[title];
    if (reason) it.skip(`${title} [needs a real server: ${reason}]`, fn);
    else it(title, fn);
  };

  describe(`store contract: ${name}`, () => {
    let store: Store;
    /** The rules over this adapter's primitives, as the chat service uses them. */
    let chats: Conversations;
    let ana: User;
    let ben: User;
    let clock = 0;
    const now = () => iso(++clock);

    const addUser = (n: string) => storeUser(store, n, now());
    const message = (from: User, to: User, content: string, clientId: string = randomUUID()) =>
      newMessage(from, to, content, now(), { clientId });

    beforeEach(async () => {
      store = await harness.open();
      chats = new Conversations(store);
      ana = await addUser('ana');
      ben = await addUser('ben');
    });
    afterEach(async () => {
      await store.close();
    });

    test('users: unique name keys and skeletons, a clash naming its index; lookup by key and id, search anywhere in a name excluding me', async () => {
      const user = (n: string, nameKey: string, nameSkeleton: string) =>
        store.users.create({ id: randomUUID(), name: n, nameKey, nameSkeleton, passwordHash: 'h', createdAt: now() });
      const refusal = (p: Promise<void>) =>
        p.then(
          () => null,
          (err: unknown) => err,
        );
      // Both taken: the name key is the one named.
      const sameName = await refusal(user('ANA', 'ana', 'ana'));
      expect(sameName).toBeInstanceOf(DuplicateError);
      expect(sameName).toMatchObject({ index: 'nameKey' });
      const lookAlike = await refusal(user('\u0430n\u0430', '\u0430n\u0430', 'ana'));
      expect(lookAlike).toBeInstanceOf(NameTakenError);
      expect(lookAlike).toMatchObject({ index: 'nameSkeleton' });
      expect(await store.users.findByNameKey('\u0430n\u0430')).toBeNull();
      expect(await store.users.findByNameKey('ana')).toMatchObject({ id: ana.id, nameKey: 'ana', nameSkeleton: 'ana' });
      expect(await store.users.findByNameKey('nobody')).toBeNull();
      expect(await store.users.get(ben.id)).toEqual(ben);
      expect(await store.users.get(randomUUID())).toBeNull();
      const anton = await addUser('anton');
      expect(await store.users.search(ben.id, 'an', 10)).toEqual([ana, anton]);
      expect(await store.users.search(ana.id, 'an', 10)).toEqual([anton]);
      expect(await store.users.search(ana.id, '', 1)).toHaveLength(1);
      expect(await store.users.search(ana.id, '.*', 10)).toEqual([]);
      expect(await store.users.search(ana.id, 'to', 10)).toEqual([anton]);
      expect(await store.users.search(anton.id, 'na', 10)).toEqual([ana]);
    });

    test('sessions: found until expiry or deletion', async () => {
      const session = {
        id: randomUUID(),
        tokenHash: 'th',
        userId: ana.id,
        createdAt: iso(0),
        expiresAt: iso(1000),
        lastSeenAt: iso(0),
        userAgent: null,
      };
      await store.sessions.create(session);
      expect(await store.sessions.get('th', iso(500))).toEqual(session);
      expect(await store.sessions.get('th', iso(1000))).toBeNull();
      await store.sessions.delete('th');
      expect(await store.sessions.get('th', iso(500))).toBeNull();
    });

    test('purgeExpiredSessions removes the expired ones only', async () => {
      await store.sessions.create({
        id: 'old',
        tokenHash: 'old',
        userId: ana.id,
        createdAt: iso(0),
        lastSeenAt: iso(0),
        userAgent: null,
        expiresAt: iso(100),
      });
      await store.sessions.create({
        id: 'new',
        tokenHash: 'new',
        userId: ana.id,
        createdAt: iso(0),
        lastSeenAt: iso(0),
        userAgent: null,
        expiresAt: iso(10_000),
      });
      expect(await store.sessions.purgeExpired(iso(500))).toBe(1);
      expect(await store.sessions.get('new', iso(500))).not.toBeNull();
      expect(await store.sessions.get('old', iso(50))).toBeNull();
    });

    test('openChat: makes the box once, then finds the same one', async () => {
      const first = await chats.open(ana.id, ben, 'chat-1', now());
      expect(first.created).toBe(true);
      expect(first.chat).toMatchObject({
        id: 'chat-1',
        ownerId: ana.id,
        peer: ben,
        chatKey: pairKey(ana.id, ben.id),
        unread: 0,
        lastMessage: null,
      });
      const again = await chats.open(ana.id, ben, 'chat-2', now());
      expect(again.created).toBe(false);
      expect(again.chat.id).toBe('chat-1');
      expect(await chats.list(ben.id)).toEqual([]);
      expect(await chats.get(ben.id, 'chat-1')).toBeNull();
    });

    test('appendMessage: one copy per pair, seq per pair, both boxes, unread for the recipient only', async () => {
      const r1 = await chats.append(message(ana, ben, 'hi'));
      expect(r1.created).toBe(true);
      expect(r1.message).toMatchObject({
        seq: 1,
        from: ana.id,
        to: ben.id,
        name: 'ana',
        content: 'hi',
        chatKey: pairKey(ana.id, ben.id),
      });
      expect(r1.senderChat).toMatchObject({ ownerId: ana.id, peer: ben, unread: 0, lastMessage: r1.message });
      expect(r1.recipientChat).toMatchObject({ ownerId: ben.id, peer: ana, unread: 1, lastMessage: r1.message });
      const r2 = await chats.append(message(ben, ana, 'yo'));
      expect(r2.message.seq).toBe(2);
      expect(r2.recipientChat!.unread).toBe(1);
      expect(r2.senderChat!.unread).toBe(1);
      const cleo = await addUser('cleo');
      expect((await chats.append(message(ana, cleo, 'other pair'))).message.seq).toBe(1);
      const page = await store.messages.list({ chatKey: pairKey(ana.id, ben.id), above: 0, limit: 10 });
      expect(page.messages.map((m) => m.content)).toEqual(['hi', 'yo']);
    });

    test('appendMessage: the same clientId is idempotent within a pair and a DuplicateError across pairs', async () => {
      const m = message(ana, ben, 'once', 'cid-1');
      const first = await chats.append(m);
      const again = await chats.append({ ...m, id: randomUUID(), date: now() });
      expect(again.created).toBe(false);
      expect(again.message).toEqual(first.message);
      expect(again.recipientChat!.unread).toBe(1);
      const cleo = await addUser('cleo');
      await expect(chats.append(message(ana, cleo, 'x', 'cid-1'))).rejects.toBeInstanceOf(DuplicateError);
      expect((await chats.append(message(ben, ana, 'theirs', 'cid-1'))).message.seq).toBe(2);
    });

    test('appendMessage: gap-free seq under concurrent sends from both sides', async () => {
      const sends = Array.from({ length: 40 }, (_, i) =>
        chats.append(i % 2 ? message(ana, ben, `a${i}`) : message(ben, ana, `b${i}`)),
      );
      const seqs = (await Promise.all(sends)).map((r) => r.message.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const boxes = await chats.list(ana.id);
      expect(boxes[0]?.unread).toBe(20);
    });

    test('listMessages: newest page, before and after cursors, hasMore both ways', async () => {
      for (let i = 1; i <= 12; i++) await chats.append(message(ana, ben, `m${i}`));
      const chatKey = pairKey(ana.id, ben.id);
      const seqs = (p: { messages: { seq: number }[] }) => p.messages.map((m) => m.seq);
      const newest = await store.messages.list({ chatKey, above: 0, limit: 5 });
      expect(seqs(newest)).toEqual([8, 9, 10, 11, 12]);
      expect(newest.hasMore).toBe(true);
      const before = await store.messages.list({ chatKey, above: 0, before: 8, limit: 5 });
      expect(seqs(before)).toEqual([3, 4, 5, 6, 7]);
      const first = await store.messages.list({ chatKey, above: 0, before: 3, limit: 5 });
      expect(seqs(first)).toEqual([1, 2]);
      expect(first.hasMore).toBe(false);
      const after = await store.messages.list({ chatKey, above: 0, after: 9, limit: 2 });
      expect(seqs(after)).toEqual([10, 11]);
      expect(after.hasMore).toBe(true);
      const tail = await store.messages.list({ chatKey, above: 0, after: 10, limit: 5 });
      expect(seqs(tail)).toEqual([11, 12]);
      expect(tail.hasMore).toBe(false);
      expect(seqs(await store.messages.list({ chatKey, above: 6, limit: 50 }))).toEqual([7, 8, 9, 10, 11, 12]);
      expect(seqs(await store.messages.list({ chatKey, above: 6, after: 2, limit: 3 }))).toEqual([7, 8, 9]);
    });

    test('hideChat: for the owner only; a later message revives it with only later messages and unread 1', async () => {
      await chats.append(message(ana, ben, 'one'));
      const r = await chats.append(message(ben, ana, 'two'));
      const anaBox = r.recipientChat!;
      expect(await chats.hide(ben.id, anaBox.id)).toBe(false);
      expect(await chats.hide(ana.id, anaBox.id)).toBe(true);
      expect(await chats.hide(ana.id, anaBox.id)).toBe(false);
      expect(await chats.list(ana.id)).toEqual([]);
      expect(await chats.get(ana.id, anaBox.id)).toBeNull();
      expect(await chats.list(ben.id)).toHaveLength(1);

      const three = await chats.append(message(ben, ana, 'three'));
      const [back] = await chats.list(ana.id);
      expect(back).toMatchObject({ unread: 1, clearedSeq: 2, lastMessage: three.message });
      const page = await store.messages.list({ chatKey: back!.chatKey, above: back!.clearedSeq, limit: 50 });
      expect(page.messages.map((m) => m.content)).toEqual(['three']);
      expect(await store.chats.ownersWithPeer(ben.id)).toEqual([ana.id]);
    });

    test('hideChat then openChat: the box comes back empty and counts as made', async () => {
      const r = await chats.append(message(ana, ben, 'one'));
      await chats.hide(ana.id, r.senderChat!.id);
      const opened = await chats.open(ana.id, ben, 'unused', now());
      expect(opened.created).toBe(true);
      expect(opened.chat).toMatchObject({ id: r.senderChat!.id, lastMessage: null, clearedSeq: 1 });
    });

    test("markRead: forward only, clamped, recounts unread, records the peer's read mark", async () => {
      for (let i = 0; i < 3; i++) await chats.append(message(ana, ben, `m${i}`));
      await chats.append(message(ben, ana, 'reply'));
      const benBox = (await chats.list(ben.id))[0]!;
      const anaBox = (await chats.list(ana.id))[0]!;
      expect(benBox.unread).toBe(3);
      const r = await chats.markRead(ben.id, benBox.id, 2);
      expect(r).toMatchObject({ advanced: true, peerChatId: anaBox.id });
      expect(r!.chat).toMatchObject({ unread: 1, readSeq: 2 });
      expect((await chats.get(ana.id, anaBox.id))?.peerReadSeq).toBe(2);
      expect((await chats.markRead(ben.id, benBox.id, 1))?.advanced).toBe(false);
      const all = await chats.markRead(ben.id, benBox.id, 1000);
      expect(all!.chat).toMatchObject({ unread: 0, readSeq: 4 });
      expect(await chats.markRead(ana.id, benBox.id, 1)).toBeNull();
    });

    test('the chat list is newest activity first', async () => {
      const cleo = await addUser('cleo');
      await chats.append(message(ana, ben, 'x'));
      await chats.append(message(ana, cleo, 'y'));
      expect((await chats.list(ana.id)).map((c) => c.peer.name)).toEqual(['cleo', 'ben']);
      await chats.append(message(ben, ana, 'z'));
      expect((await chats.list(ana.id)).map((c) => c.peer.name)).toEqual(['ben', 'cleo']);
    });

    test('everything persists across a reopen', async () => {
      const r = await chats.append(message(ana, ben, 'durable'));
      await store.sessions.create({
        id: 's',
        tokenHash: 'th',
        userId: ana.id,
        createdAt: iso(0),
        lastSeenAt: iso(0),
        userAgent: null,
        expiresAt: iso(10_000_000),
      });
      store = await harness.reopen(store);
      chats = new Conversations(store);
      expect(await store.users.get(ana.id)).toEqual(ana);
      expect((await store.sessions.get('th', iso(1)))?.userId).toBe(ana.id);
      const [box] = await chats.list(ben.id);
      expect(box).toMatchObject({ unread: 1, lastMessage: r.message });
      expect((await chats.append(message(ben, ana, 'next'))).message.seq).toBe(2);
    });

    test('primitives: insert finds the existing box, update sets fields, peer read mark only rises', async () => {
      const chatKey = pairKey(ana.id, ben.id);
      const made = await store.chats.insert({ id: 'box-1', ownerId: ana.id, peer: ben, chatKey, now: now() });
      expect(made).toMatchObject({ inserted: true, box: { id: 'box-1', hidden: false, unread: 0, latest: null } });
      const again = await store.chats.insert({ id: 'box-2', ownerId: ana.id, peer: ben, chatKey, now: now() });
      expect(again).toMatchObject({ inserted: false, box: { id: 'box-1' } });
      expect(await store.chats.update('box-1', { hidden: true, unread: 3, clearedSeq: 2 })).toMatchObject({
        hidden: true,
        unread: 3,
        clearedSeq: 2,
      });
      expect(await store.chats.listVisible(ana.id)).toEqual([]);
      expect((await store.chats.find(ana.id, ben.id))?.hidden).toBe(true);
      expect(await store.chats.byId(ben.id, 'box-1')).toBeNull();
      expect(await store.chats.update('no-such-box', { unread: 1 })).toBeNull();
      await store.chats.raisePeerReadSeq(ana.id, ben.id, 5);
      await store.chats.raisePeerReadSeq(ana.id, ben.id, 4);
      expect((await store.chats.byId(ana.id, 'box-1'))?.peerReadSeq).toBe(5);
    });

    test('primitives: newest seq and counts per sender above a seq', async () => {
      const chatKey = pairKey(ana.id, ben.id);
      expect(await store.messages.newestSeq(chatKey)).toBe(0);
      for (const [from, to] of [
        [ana, ben],
        [ana, ben],
        [ben, ana],
        [ana, ben],
      ] as const) {
        await store.messages.append(message(from, to, 'x'));
      }
      expect(await store.messages.newestSeq(chatKey)).toBe(4);
      expect(await store.messages.countFrom(chatKey, ana.id, 0, ben.id)).toBe(3);
      expect(await store.messages.countFrom(chatKey, ana.id, 2, ben.id)).toBe(1);
      expect(await store.messages.countFrom(chatKey, ben.id, 3, ana.id)).toBe(0);
      // A message deleted for the viewer is not counted for them; the other side's count keeps it.
      await store.hiddenMessages.hide(ben.id, chatKey, 2);
      expect(await store.messages.countFrom(chatKey, ana.id, 0, ben.id)).toBe(2);
      expect(await store.messages.countFrom(chatKey, ana.id, 0, ana.id)).toBe(3);
    });

    test("exclusive: a send to the pair does not land between a task's read and its write", async () => {
      const chatKey = pairKey(ana.id, ben.id);
      await store.messages.append(message(ana, ben, 'one'));
      let sent: Promise<unknown> | undefined;
      const seen = await store.exclusive(chatKey, async () => {
        const before = await store.messages.newestSeq(chatKey);
        sent = store.messages.append(message(ana, ben, 'two'));
        await store.chats.find(ben.id, ana.id);
        return [before, await store.messages.newestSeq(chatKey)];
      });
      expect(seen).toEqual([1, 1]);
      await sent;
      expect(await store.messages.newestSeq(chatKey)).toBe(2);
    });

    test('ping answers', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });

  contactsContract(name, harness);
}
