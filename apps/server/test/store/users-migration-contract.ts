import { legacyNameKey, nameKey, nameSkeleton } from '@pairchat/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthService } from '../../src/auth/auth-service.ts';
import { migrateStoredNames } from '../../src/auth/name-guard.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { AppError } from '../../src/errors.ts';
import { NameTakenError, type Store } from '../../src/store/port.ts';
import type { LegacyUser } from './legacy-users.ts';
import type { StoreHarness } from './store-contract.ts';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

/**
 * Accounts stored before name skeletons and Unicode case folding (a legacy key, no skeleton) on every adapter: the
 * primitives the migration uses (`withoutSkeleton`, `setNameKey`, `setSkeleton`), the migration itself
 * (`auth/name-guard.ts`), and that every such account keeps signing in afterwards.
 */
export function usersMigrationContract(name: string, harness: StoreHarness) {
  describe(`store contract: ${name}: users stored before skeletons`, () => {
    let store: Store | undefined;
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    /** Users written the old way, each with the password "pw <name>", oldest first. */
    const legacy = async (rows: [id: string, name: string, minute: number][]): Promise<LegacyUser[]> =>
      Promise.all(
        rows.map(async ([id, n, minute]) => ({
          id,
          name: n,
          nameKey: legacyNameKey(n),
          passwordHash: await hashPassword(`pw ${n}`, 10),
          createdAt: at(minute),
        })),
      );

    it('lists them oldest first (then by id), page by page; sets a key or a skeleton unless another user holds it', async () => {
      store = await harness.openWithLegacyUsers(
        await legacy([
          ['u-c', 'carol', 2],
          ['u-b', 'bob', 1],
          ['u-a', 'alice', 2],
        ]),
      );
      expect((await store.users.withoutSkeleton(10)).map((u) => u.id)).toEqual(['u-b', 'u-a', 'u-c']);
      expect(await store.users.withoutSkeleton(1)).toEqual([
        { id: 'u-b', name: 'bob', nameKey: 'bob', createdAt: at(1) },
      ]);
      expect(await store.users.findByNameKey('bob')).toMatchObject({ id: 'u-b', nameSkeleton: null });

      await store.users.setSkeleton('u-b', 'bob');
      expect((await store.users.withoutSkeleton(10)).map((u) => u.id)).toEqual(['u-a', 'u-c']);
      const taken = await store.users.setSkeleton('u-a', 'bob').catch((err: unknown) => err);
      expect(taken).toBeInstanceOf(NameTakenError);
      expect(taken).toMatchObject({ index: 'nameSkeleton' });
      await store.users.setNameKey('u-a', 'alice2');
      expect(await store.users.findByNameKey('alice2')).toMatchObject({ id: 'u-a', name: 'alice' });
      expect(await store.users.findByNameKey('alice')).toBeNull();
      await expect(store.users.setNameKey('u-a', 'carol')).rejects.toMatchObject({ index: 'nameKey' });
    });

    it('migrates keys and skeletons oldest first, keeps a clashing key legacy, and every account still signs in', async () => {
      const users = await legacy([
        ['u-strasse-1', 'Straße', 1], // legacy "straße", folded "strasse"…
        ['u-strasse-2', 'STRASSE', 2], // …already held, as a legacy key, by this later account: Straße stays legacy
        ['u-sofos', 'Σοφός', 3], // legacy "σοφός" → "σοφόσ"
        ['u-ana', 'ana', 4],
        ['u-ana-cgj', 'ana\u034f', 5], // a look-alike the old rules let in: it keeps its account, not the skeleton
      ]);
      store = await harness.openWithLegacyUsers(users);
      expect(await migrateStoredNames(store.users)).toBe(5);
      expect(await migrateStoredNames(store.users)).toBe(0);

      const stored = async (n: string) => store!.users.findByNameKey(n);
      expect(await stored('straße')).toMatchObject({ id: 'u-strasse-1', nameSkeleton: nameSkeleton('Straße') });
      expect(await stored('strasse')).toMatchObject({
        id: 'u-strasse-2',
        nameSkeleton: `${nameSkeleton('STRASSE')}\u0000u-strasse-2`,
      });
      expect(await stored(nameKey('Σοφός'))).toMatchObject({ id: 'u-sofos', nameSkeleton: nameSkeleton('Σοφός') });
      expect(await stored('σοφός')).toBeNull();
      expect(await stored('ana')).toMatchObject({ nameSkeleton: 'ana' });
      expect(await stored('ana\u034f')).toMatchObject({ id: 'u-ana-cgj', nameSkeleton: 'ana\u0000u-ana-cgj' });

      // Today's code on the migrated store: every account signs in by its name, and by spellings its key now covers.
      store = await harness.reopen(store);
      const auth = new AuthService(store, { scryptLogN: 10, sessionTtlSeconds: 86_400 });
      const signsIn = async (as: string, password: string) => (await auth.login(as, password)).user.id;
      for (const u of users) expect(await signsIn(u.name, `pw ${u.name}`), u.name).toBe(u.id);
      expect(await signsIn('straße', 'pw Straße')).toBe('u-strasse-1');
      expect(await signsIn('ΣΟΦΌΣ', 'pw Σοφός')).toBe('u-sofos');
      await expect(auth.login('Straße', 'pw ana')).rejects.toBeInstanceOf(AppError);

      // The skeletons hold new look-alikes off; the message tells which index refused.
      await expect(auth.register('ANA', 'correct horse')).rejects.toMatchObject({ message: 'that name is taken' });
      await expect(auth.register('\u0430n\u0430', 'correct horse')).rejects.toMatchObject({
        message: 'that name looks like a taken name',
      });
      await expect(auth.register('Strasse\u00ad', 'correct horse')).rejects.toBeInstanceOf(AppError);
      expect((await auth.register('anna', 'correct horse')).user.name).toBe('anna');
    });
  });
}
