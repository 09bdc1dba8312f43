import { tempDir, dbNameFor } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { DiskMediaStore } from '../../src/media/disk/disk-media-store.ts';
import { GridFsMediaStore } from '../../src/media/gridfs/gridfs-media-store.ts';
import type { MediaStore } from '../../src/media/port.ts';
import { sweepUnsent, UNSENT_TTL_MS } from '../../src/media/sweep.ts';
import { TEST_STORE } from '../helpers/server.ts';
import { record } from './media-store-contract.ts';

function openStore(): Promise<MediaStore> {
  return TEST_STORE === 'mongodb'
    ? GridFsMediaStore.connect({ uri: mongoUri(), dbName: dbNameFor() })
    : Promise.resolve(new DiskMediaStore(tempDir()));
}

it('removes uploads older than a day that are not in use, past any number of kept ones; keeps the rest', async () => {
  const store = await openStore();
  try {
    const now = new Date(Date.UTC(2026, 5, 1));
    const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
    const save = async (msAgo: number) => {
      const r = record(1, at(msAgo));
      await store.save(r, Readable.from([Buffer.from('x')]), null);
      return r.id;
    };
    // More kept old uploads than one page of the walk (200), all older than the unsent one behind them.
    const sent = new Set<string>();
    for (let i = 0; i < 205; i++) sent.add(await save(UNSENT_TTL_MS + 60_000 + i));
    const stale = await save(UNSENT_TTL_MS + 1000);
    const fresh = await save(UNSENT_TTL_MS - 1000);

    const removed = await sweepUnsent(store, (id) => Promise.resolve(sent.has(id)), now);
    expect(removed).toBe(1);
    expect(await store.get(stale)).toBeNull();
    expect(await store.get(fresh)).not.toBeNull();
    const left = await store.listCreatedBefore(at(0), 1000);
    expect(left.length).toBe(206);
    // A second sweep finds nothing more.
    expect(await sweepUnsent(store, (id) => Promise.resolve(sent.has(id)), now)).toBe(0);
  } finally {
    await store.close();
  }
}, 60_000);
