import { randomUUID } from 'node:crypto';
import type { User } from '@pairchat/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateError, type Store } from '../../src/store/port.ts';
import { storeUser } from '../helpers/store-fixtures.ts';
import type { StoreHarness } from '../store/store-contract.ts';

const iso = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

/**
 * The contacts, contact requests and blocks tables, written once against the port and run on every adapter (from
 * the store contract suite).
 */
export function contactsContract(name: string, harness: StoreHarness) {
  describe(`store contract, contacts and blocks: ${name}`, () => {
    let store: Store;
    let ana: User;
    let ben: User;
    let cy: User;
    let clock = 0;
    const now = () => iso(++clock);
    const request = (from: User, to: User, note = '') => ({
      id: randomUUID(),
      fromId: from.id,
      toId: to.id,
      note,
      date: now(),
    });

    beforeEach(async () => {
      store = await harness.open();
      ana = await storeUser(store, 'ana', now());
      ben = await storeUser(store, 'ben', now());
      cy = await storeUser(store, 'cy', now());
    });
    afterEach(async () => {
      await store.close();
    });

    it('contacts: both sides on connect, each keeping its own remark; a second connect changes nothing; disconnect removes both', async () => {
      const since = now();
      await store.contacts.connect(ana.id, ben.id, since);
      expect(await store.contacts.get(ana.id, ben.id)).toEqual({
        ownerId: ana.id,
        contactId: ben.id,
        remark: '',
        since,
      });
      expect(await store.contacts.get(ben.id, ana.id)).toEqual({
        ownerId: ben.id,
        contactId: ana.id,
        remark: '',
        since,
      });
      expect(await store.contacts.get(ana.id, cy.id)).toBeNull();

      expect(await store.contacts.setRemark(ana.id, ben.id, '老板')).toMatchObject({ remark: '老板' });
      expect(await store.contacts.setRemark(ana.id, cy.id, 'x')).toBeNull();
      expect(await store.contacts.get(ana.id, cy.id)).toBeNull();
      await store.contacts.connect(ben.id, ana.id, now());
      expect(await store.contacts.get(ana.id, ben.id)).toEqual({
        ownerId: ana.id,
        contactId: ben.id,
        remark: '老板',
        since,
      });
      expect((await store.contacts.get(ben.id, ana.id))?.remark).toBe('');

      await store.contacts.connect(ana.id, cy.id, now());
      expect((await store.contacts.list(ana.id)).map((c) => c.contactId)).toEqual([ben.id, cy.id]);
      expect((await store.contacts.list(cy.id)).map((c) => c.contactId)).toEqual([ana.id]);

      expect(await store.contacts.disconnect(ben.id, ana.id)).toBe(true);
      expect(await store.contacts.get(ana.id, ben.id)).toBeNull();
      expect(await store.contacts.get(ben.id, ana.id)).toBeNull();
      expect(await store.contacts.disconnect(ben.id, ana.id)).toBe(false);
      expect((await store.contacts.list(ana.id)).map((c) => c.contactId)).toEqual([cy.id]);
    });

    it('contact requests: one open per ordered pair, both directions allowed; lists newest first; delete once', async () => {
      const first = request(ana, ben, 'hi, it is Ana');
      await store.contactRequests.add(first);
      await expect(store.contactRequests.add(request(ana, ben))).rejects.toBeInstanceOf(DuplicateError);
      const back = request(ben, ana);
      await store.contactRequests.add(back);
      const toBen = request(cy, ben);
      await store.contactRequests.add(toBen);

      expect(await store.contactRequests.get(first.id)).toEqual(first);
      expect(await store.contactRequests.get(randomUUID())).toBeNull();
      expect(await store.contactRequests.between(ana.id, ben.id)).toEqual(first);
      expect(await store.contactRequests.between(ben.id, cy.id)).toBeNull();
      expect(await store.contactRequests.incoming(ben.id)).toEqual([toBen, first]);
      expect(await store.contactRequests.outgoing(ben.id)).toEqual([back]);
      expect(await store.contactRequests.incoming(cy.id)).toEqual([]);

      expect(await store.contactRequests.delete(first.id)).toBe(true);
      expect(await store.contactRequests.delete(first.id)).toBe(false);
      expect(await store.contactRequests.between(ana.id, ben.id)).toBeNull();
      // Closed, the pair may be asked again.
      await store.contactRequests.add(request(ana, ben));
      expect(await store.contactRequests.incoming(ben.id)).toHaveLength(2);
    });

    it('blocks: idempotent add and remove, one-way, listed newest first, and who blocked a person', async () => {
      const first = now();
      expect(await store.blocks.add(ana.id, ben.id, first)).toBe(true);
      expect(await store.blocks.add(ana.id, ben.id, now())).toBe(false);
      expect(await store.blocks.has(ana.id, ben.id)).toBe(true);
      expect(await store.blocks.has(ben.id, ana.id)).toBe(false);
      const second = now();
      await store.blocks.add(ana.id, cy.id, second);
      await store.blocks.add(cy.id, ben.id, now());
      expect(await store.blocks.list(ana.id)).toEqual([
        { ownerId: ana.id, blockedId: cy.id, date: second },
        { ownerId: ana.id, blockedId: ben.id, date: first },
      ]);
      expect((await store.blocks.blockersOf(ben.id)).sort()).toEqual([ana.id, cy.id].sort());
      expect(await store.blocks.blockersOf(ana.id)).toEqual([]);

      expect(await store.blocks.remove(ana.id, ben.id)).toBe(true);
      expect(await store.blocks.remove(ana.id, ben.id)).toBe(false);
      expect(await store.blocks.has(ana.id, ben.id)).toBe(false);
      expect(await store.blocks.blockersOf(ben.id)).toEqual([cy.id]);
    });

    it('forgetUser removes everything of a person on every table, and nothing of anyone else', async () => {
      await store.contacts.connect(ana.id, ben.id, now());
      await store.contacts.connect(ana.id, cy.id, now());
      await store.contacts.connect(ben.id, cy.id, now());
      await store.contactRequests.add(request(ana, ben));
      await store.contactRequests.add(request(cy, ana));
      const kept = request(ben, cy);
      await store.contactRequests.add(kept);
      await store.blocks.add(ana.id, ben.id, now());
      await store.blocks.add(cy.id, ana.id, now());
      await store.blocks.add(ben.id, cy.id, now());

      await store.contacts.forgetUser(ana.id);
      await store.contactRequests.forgetUser(ana.id);
      await store.blocks.forgetUser(ana.id);

      expect(await store.contacts.list(ana.id)).toEqual([]);
      expect((await store.contacts.list(ben.id)).map((c) => c.contactId)).toEqual([cy.id]);
      expect((await store.contacts.list(cy.id)).map((c) => c.contactId)).toEqual([ben.id]);
      expect(await store.contactRequests.outgoing(ana.id)).toEqual([]);
      expect(await store.contactRequests.incoming(ana.id)).toEqual([]);
      expect(await store.contactRequests.incoming(ben.id)).toEqual([]);
      expect(await store.contactRequests.incoming(cy.id)).toEqual([kept]);
      expect(await store.blocks.list(ana.id)).toEqual([]);
      expect(await store.blocks.blockersOf(ana.id)).toEqual([]);
      expect(await store.blocks.has(ben.id, cy.id)).toBe(true);
    });

    it('contacts, requests and blocks survive a restart', async () => {
      await store.contacts.connect(ana.id, ben.id, now());
      await store.contacts.setRemark(ben.id, ana.id, 'Ana from work');
      const open = request(cy, ana);
      await store.contactRequests.add(open);
      await store.blocks.add(ben.id, cy.id, now());
      store = await harness.reopen(store);
      expect((await store.contacts.get(ben.id, ana.id))?.remark).toBe('Ana from work');
      expect(await store.contactRequests.incoming(ana.id)).toEqual([open]);
      expect(await store.blocks.has(ben.id, cy.id)).toBe(true);
    });
  });
}
