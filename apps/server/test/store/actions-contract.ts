import { randomUUID } from 'node:crypto';
import { pairKey, type Media, type User } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conversations } from '../../src/chat/conversations.ts';
import { quoteOf } from '../../src/chat/rules.ts';
import type { NewMessage, Store } from '../../src/store/port.ts';
import { newMessage, storeUser } from '../helpers/store-fixtures.ts';
import type { StoreHarness } from './store-contract.ts';

const iso = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

/**
 * The primitives of message actions, written once against the port and run on every adapter: the new message
 * fields, recall, the hidden set, pins and mutes, pages `around` a seq, and search.
 */
export function actionsContract(name: string, harness: StoreHarness) {
  describe(`store contract, message actions: ${name}`, () => {
    let store: Store;
    let chats: Conversations;
    let ana: User;
    let ben: User;
    let cy: User;
    let clock = 0;
    const now = () => iso(++clock);
    const addUser = (n: string) => storeUser(store, n, now());
    const send = async (from: User, to: User, content: string, extra: Partial<NewMessage> = {}) =>
      (await chats.append(newMessage(from, to, content, now(), extra))).message;
    const find = (text: string, viewer: User, scopes = [{ chatKey: pairKey(ana.id, ben.id), above: 0 }], limit = 20) =>
      store.messages.search({ text, scopes, viewerId: viewer.id, limit });
    const photo: Media = { id: 'media-1', name: 'cat.png', mime: 'image/png', size: 2048, width: 640, height: 480 };

    beforeEach(async () => {
      store = await harness.open();
      chats = new Conversations(store);
      ana = await addUser('ana');
      ben = await addUser('ben');
      cy = await addUser('cy');
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores kind, media and replyTo, and reads them back after a restart', async () => {
      const first = await send(ana, ben, 'look at this');
      const image = await send(ben, ana, '', { kind: 'image', media: photo, replyTo: quoteOf(first) });
      expect(image).toMatchObject({ kind: 'image', content: '', media: photo, recalled: false });
      expect(image.replyTo).toEqual({ seq: 1, from: ana.id, name: 'ana', kind: 'text', preview: 'look at this' });
      store = await harness.reopen(store);
      expect(await store.messages.get(pairKey(ana.id, ben.id), 2)).toEqual(image);
      expect(await store.messages.get(pairKey(ana.id, ben.id), 3)).toBeNull();
      const box = await store.chats.find(ana.id, ben.id);
      expect(box?.latest).toEqual(image);
    });

    it('recall: content and media gone for good, quotes emptied, the boxes and search see it', async () => {
      const key = pairKey(ana.id, ben.id);
      const secret = await send(ana, ben, 'the secret plan');
      const reply = await send(ben, ana, 'what plan?', { replyTo: quoteOf(secret) });
      const image = await send(ana, ben, '', { kind: 'image', media: photo });
      expect((await find('secret', ben)).map((m) => m.seq)).toEqual([1]);

      const recalled = await store.messages.recall(key, 1);
      expect(recalled).toMatchObject({ seq: 1, recalled: true, content: '', media: null, from: ana.id });
      expect((await store.messages.get(key, 2))?.replyTo?.preview).toBe('');
      expect(reply.replyTo?.preview).toBe('the secret plan');
      expect(await find('secret', ben)).toEqual([]);
      expect(await find('se', ben)).toEqual([]);
      // A reply sent after the recall, quoting what the sender saw before it, quotes nothing.
      const late = await send(ben, ana, 'hm', { replyTo: quoteOf(secret) });
      expect(late.replyTo?.preview).toBe('');

      expect(await store.messages.recall(key, 3)).toMatchObject({ recalled: true, media: null, kind: 'image' });
      await send(ana, ben, 'last one');
      expect(await store.messages.recall(key, 5)).toMatchObject({ recalled: true, content: '' });
      expect((await store.chats.find(ben.id, ana.id))?.latest).toMatchObject({ seq: 5, recalled: true, content: '' });
      expect(await store.messages.recall(key, 99)).toBeNull();
      store = await harness.reopen(store);
      expect(await store.messages.get(key, 1)).toEqual(recalled);
      expect(image.media).toEqual(photo);
      expect((await store.messages.get(key, 3))?.media).toBeNull();
    });

    it('the hidden set: a message deleted for me leaves my pages, search and last message, not the peer’s', async () => {
      const key = pairKey(ana.id, ben.id);
      for (const t of ['one apple', 'two apples', 'three apples']) await send(ana, ben, t);
      await store.hiddenMessages.hide(ben.id, key, 3);
      await store.hiddenMessages.hide(ben.id, key, 3);
      await store.hiddenMessages.hide(ben.id, key, 2);
      expect(await store.hiddenMessages.among(ben.id, key, [1, 2, 3, 4])).toEqual(new Set([2, 3]));
      expect(await store.hiddenMessages.among(ana.id, key, [1, 2, 3])).toEqual(new Set());
      const mine = await store.messages.list({ chatKey: key, above: 0, viewerId: ben.id, limit: 10 });
      expect(mine.messages.map((m) => m.seq)).toEqual([1]);
      const peers = await store.messages.list({ chatKey: key, above: 0, viewerId: ana.id, limit: 10 });
      expect(peers.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
      expect((await find('apple', ben)).map((m) => m.seq)).toEqual([1]);
      expect((await find('apple', ana)).map((m) => m.seq)).toEqual([3, 2, 1]);
      const benBox = (await store.chats.find(ben.id, ana.id))!;
      expect((await chats.get(ben.id, benBox.id))?.lastMessage?.seq).toBe(1);
      expect((await chats.list(ana.id))[0]?.lastMessage?.seq).toBe(3);
      store = await harness.reopen(store);
      expect(await store.hiddenMessages.among(ben.id, key, [2, 3])).toEqual(new Set([2, 3]));
    });

    it('pins and mutes: kept, and the list puts pinned boxes first, each group newest first', async () => {
      await send(ben, ana, 'from ben');
      await send(cy, ana, 'from cy');
      const dan = await addUser('dan');
      await send(dan, ana, 'from dan');
      const order = async () => (await chats.list(ana.id)).map((c) => c.peer.name);
      expect(await order()).toEqual(['dan', 'cy', 'ben']);
      const benBox = (await store.chats.find(ana.id, ben.id))!;
      const cyBox = (await store.chats.find(ana.id, cy.id))!;
      expect(benBox).toMatchObject({ pinned: false, muted: false });
      expect(await store.chats.update(benBox.id, { pinned: true, muted: true })).toMatchObject({
        pinned: true,
        muted: true,
      });
      await store.chats.update(cyBox.id, { pinned: true });
      expect(await order()).toEqual(['cy', 'ben', 'dan']);
      await send(ben, ana, 'ben again');
      expect(await order()).toEqual(['ben', 'cy', 'dan']);
      store = await harness.reopen(store);
      chats = new Conversations(store);
      expect(await order()).toEqual(['ben', 'cy', 'dan']);
      expect(await store.chats.find(ana.id, ben.id)).toMatchObject({ pinned: true, muted: true, unread: 2 });
      await chats.hide(ana.id, cyBox.id);
      const scopes = await store.chats.visibleScopes(ana.id);
      expect(scopes.map((s) => s.id).sort()).toEqual([benBox.id, (await store.chats.find(ana.id, dan.id))!.id].sort());
      expect(scopes.find((s) => s.id === benBox.id)).toEqual({ id: benBox.id, chatKey: benBox.chatKey, clearedSeq: 0 });
    });

    it('a page around a seq holds it near the middle, with hasMore and hasNewer', async () => {
      for (let i = 1; i <= 20; i++) await send(i % 2 ? ana : ben, i % 2 ? ben : ana, `m${i}`);
      const box = (await chats.open(ana.id, ben, randomUUID(), now())).chat;
      const page = await chats.messages(box, { around: 10, limit: 5 });
      expect(page.messages.map((m) => m.seq)).toEqual([8, 9, 10, 11, 12]);
      expect(page).toMatchObject({ hasMore: true, hasNewer: true });
      const start = await chats.messages(box, { around: 2, limit: 6 });
      expect(start.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(start).toMatchObject({ hasMore: false, hasNewer: true });
      const end = await chats.messages(box, { around: 20, limit: 4 });
      expect(end.messages.map((m) => m.seq)).toEqual([17, 18, 19, 20]);
      expect(end).toMatchObject({ hasMore: true, hasNewer: false });
      await store.hiddenMessages.hide(ana.id, box.chatKey, 9);
      const holes = await chats.messages(box, { around: 10, limit: 5 });
      expect(holes.messages.map((m) => m.seq)).toEqual([7, 8, 10, 11, 12]);
    });

    it('search: substrings in any script, Latin without regard to case, short queries, only my scopes', async () => {
      const anaBen = pairKey(ana.id, ben.id);
      await send(ana, ben, '今天天气很好，我们去公园吧');
      await send(ben, ana, 'Hello WORLD from Ben');
      await send(ana, ben, 'say "quoted" 100% _sure_');
      await send(ana, cy, 'hello cy, weather is fine');
      await send(ana, ben, '天气');
      expect((await find('天气', ben)).map((m) => m.seq)).toEqual([4, 1]);
      expect((await find('天气很好', ben)).map((m) => m.seq)).toEqual([1]);
      expect((await find('气', ana)).map((m) => m.seq)).toEqual([4, 1]);
      expect((await find('hello world', ana)).map((m) => m.seq)).toEqual([2]);
      expect((await find('LLO', ana)).map((m) => m.seq)).toEqual([2]);
      expect((await find('He', ana)).map((m) => m.seq)).toEqual([2]);
      expect((await find('"quoted"', ana)).map((m) => m.seq)).toEqual([3]);
      expect((await find('0%', ana)).map((m) => m.seq)).toEqual([3]);
      expect((await find('_s', ana)).map((m) => m.seq)).toEqual([3]);
      expect(await find('xyz', ana)).toEqual([]);
      expect(await find('weather', ana)).toEqual([]);
      const both = [
        { chatKey: anaBen, above: 0 },
        { chatKey: pairKey(ana.id, cy.id), above: 0 },
      ];
      expect((await find('hello', ana, both)).map((m) => m.content)).toEqual([
        'hello cy, weather is fine',
        'Hello WORLD from Ben',
      ]);
      expect(await find('hello', ana, both, 1)).toHaveLength(1);
      expect((await find('天气', ben, [{ chatKey: anaBen, above: 2 }])).map((m) => m.seq)).toEqual([4]);
      expect(await find('天气', ben, [])).toEqual([]);
      await send(ben, ana, '', { kind: 'file', media: { ...photo, name: 'hello.pdf', mime: 'application/pdf' } });
      expect((await find('hello', ana)).map((m) => m.seq)).toEqual([2]);
      // Every trigram of the query in one message is not enough: the text must hold the query itself.
      const nearMiss = await send(ana, ben, 'abc bcd, a near miss');
      expect(await find('abcd', ana)).toEqual([]);
      expect((await find('c bc', ana)).map((m) => m.seq)).toEqual([nearMiss.seq]);
      // Greek capitals find a word written with final sigma, and the other way round.
      const lower = await send(ana, ben, 'η οδος μας');
      const upper = await send(ben, ana, 'Η ΟΔΟΣ ΤΟΥΣ');
      expect((await find('ΟΔΟΣ', ana)).map((m) => m.seq)).toEqual([upper.seq, lower.seq]);
      expect((await find('οδος', ana)).map((m) => m.seq)).toEqual([upper.seq, lower.seq]);
      // One or two letters outside ASCII, without regard to case too (contract: Latin without regard to case).
      const eclair = await send(ana, ben, 'Éclair Über straße');
      const nandu = await send(ben, ana, 'ÑANDÚ');
      for (const [q, seqs] of [
        ['éc', [eclair.seq]],
        ['ÉC', [eclair.seq]],
        ['üB', [eclair.seq]],
        ['ñ', [nandu.seq]],
        ['dú', [nandu.seq]],
        ['ẞ', [eclair.seq]],
        ['ΟΣ', [upper.seq, lower.seq]],
        ['ς', [upper.seq, lower.seq]],
      ] as const) {
        expect(
          (await find(q, ana)).map((m) => m.seq),
          q,
        ).toEqual(seqs);
      }
    });
  });
}
