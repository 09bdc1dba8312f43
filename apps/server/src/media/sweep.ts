import type { MediaCursor, MediaStore } from './port.ts';

/** How long an upload may wait for the message that sends it (WeChat, too, drops what was never sent). */
export const UNSENT_TTL_MS = 24 * 60 * 60 * 1000;
const BATCH = 200;

/**
 * Whether a media item is in use, so the sweep keeps it: sent in a message (recalled or not: the integrator
 * decides whether a recalled one still counts), or someone's avatar. Supplied by the integrator.
 */
export type IsMediaInUse = (mediaId: string) => Promise<boolean>;

/**
 * Removes uploads older than UNSENT_TTL_MS that are not in use, walking the old records page by page in
 * (createdAt, id) order, so any number of kept ones never stalls the walk. Returns how many were removed.
 */
export async function sweepUnsent(store: MediaStore, inUse: IsMediaInUse, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNSENT_TTL_MS).toISOString();
  let removed = 0;
  let after: MediaCursor | undefined;
  for (;;) {
    const page = await store.listCreatedBefore(cutoff, BATCH, after);
    for (const media of page) {
      if (!(await inUse(media.id)) && (await store.delete(media.id))) removed += 1;
    }
    const last = page[page.length - 1];
    if (!last || page.length < BATCH) return removed;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
