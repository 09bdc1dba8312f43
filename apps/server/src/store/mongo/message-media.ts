import type { Collection } from 'mongodb';
import type { MediaUse } from '../port.ts';
import type { MessageDoc } from './message-doc.ts';

/** The index behind `mediaUse`: only media messages have a `mediaId` (sparse), kept when they are recalled. */
export async function ensureMediaIndex(messages: Collection<MessageDoc>): Promise<void> {
  await messages.createIndex({ mediaId: 1, recalled: 1 }, { sparse: true, name: 'media_id' });
}

/** `MessageTable.mediaUse` on MongoDB: three lookups in the `media_id` index, run together. */
export async function mediaUseOf(
  messages: Collection<MessageDoc>,
  mediaId: string,
  viewerId?: string,
): Promise<MediaUse> {
  const any = (filter: object) => messages.findOne({ mediaId, ...filter }, { projection: { _id: 1 } });
  const [sent, visible, recalled] = await Promise.all([
    any({ recalled: false }),
    viewerId === undefined ? null : any({ recalled: false, $or: [{ from: viewerId }, { to: viewerId }] }),
    any({ recalled: true }),
  ]);
  return { sent: sent !== null, visibleToViewer: visible !== null, recalled: recalled !== null };
}
