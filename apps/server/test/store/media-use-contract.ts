import { pairKey, type Media, type User } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conversations } from '../../src/chat/conversations.ts';
import type { Store } from '../../src/store/port.ts';
import { newMessage, storeUser } from '../helpers/store-fixtures.ts';
import type { StoreHarness } from './store-contract.ts';

const iso = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

/**
 * `messages.mediaUse`, written once against the port and run on every adapter: which pairs a media id was sent in,
 * through forwarding and recall, and after a restart. The access rule (`media/access.ts`) and the sweep rest on it.
 */
export function mediaUseContract(name: string, harness: StoreHarness) {
  describe(`store contract, media use: ${name}`, () => {
    let store: Store;
    /** ana, ben and cy, made fresh for each test. */
    let people: User[] = [];
    let clock = 0;
    const photo: Media = { id: 'media-photo', name: 'cat.png', mime: 'image/png', size: 2048, width: 64, height: 48 };
    const send = async (from: User, to: User, media: Media | null): Promise<number> => {
      const extra = media ? { kind: 'image' as const, content: '', media } : {};
      return (await new Conversations(store).append(newMessage(from, to, 'hello', iso(++clock), extra))).message.seq;
    };
    /** [sent, visible to ana, to ben, to cy, recalled] for the photo. */
    const useOfPhoto = async () => {
      const [ofAna, ofBen, ofCy] = await Promise.all(people.map((u) => store.messages.mediaUse(photo.id, u.id)));
      expect((await store.messages.mediaUse(photo.id)).visibleToViewer).toBe(false);
      return [ofAna!.sent, ofAna!.visibleToViewer, ofBen!.visibleToViewer, ofCy!.visibleToViewer, ofAna!.recalled];
    };

    beforeEach(async () => {
      store = await harness.open();
      people = [await storeUser(store, 'ana'), await storeUser(store, 'ben'), await storeUser(store, 'cy')];
    });
    afterEach(async () => {
      await store.close();
    });

    it('never sent: nothing; sent: both people of the pair, nobody else', async () => {
      const [ana, ben] = people as [User, User];
      await send(ana, ben, null);
      expect(await useOfPhoto()).toEqual([false, false, false, false, false]);
      await send(ana, ben, photo);
      expect(await useOfPhoto()).toEqual([true, true, true, false, false]);
      expect(await store.messages.mediaUse('media-other', ana.id)).toEqual({
        sent: false,
        visibleToViewer: false,
        recalled: false,
      });
    });

    it('forwarded to a third person, then recalled message by message; kept through a restart', async () => {
      const [ana, ben, cy] = people as [User, User, User];
      const first = await send(ana, ben, photo);
      const forwarded = await send(ben, cy, photo);
      expect(await useOfPhoto()).toEqual([true, true, true, true, false]);

      await store.messages.recall(pairKey(ana.id, ben.id), first);
      // Ben still has it in his chat with cy; ana no longer sees it anywhere; the recall is known.
      expect(await useOfPhoto()).toEqual([true, false, true, true, true]);

      await store.messages.recall(pairKey(ben.id, cy.id), forwarded);
      expect(await useOfPhoto()).toEqual([false, false, false, false, true]);

      store = await harness.reopen(store);
      expect(await useOfPhoto()).toEqual([false, false, false, false, true]);
    });
  });
}
