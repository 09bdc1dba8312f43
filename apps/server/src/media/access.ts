import type { MediaUse, MessageTable, UserTable } from '../store/port.ts';
import type { MediaRecord, MediaStore } from './port.ts';

/**
 * Whether a person may fetch a media file (its bytes or thumbnail), given what the messages say about it. The
 * contract's rule: the uploader, and both people of every chat it was sent in; anyone else gets 404, never the
 * content (nor a hint that it exists). And "a recalled message's content and media are no longer served to anyone":
 *
 * - a person sees it while some message that is not recalled, in one of their pairs, carries it (forwarding makes
 *   such a message in another pair, so the person it was forwarded to keeps it when the original is recalled);
 * - the uploader also sees it before it is sent, and while none of the messages that carried it was recalled; once
 *   one was, the uploader sees it only through a message as above (recalling it ends their own access too, as it
 *   does in WeChat, where the recalled photo is gone from the sender's chat as well).
 *
 * "Delete for me" (a cleared chat, one hidden message) does not end access: the pair still holds the message.
 * And a profile picture is public to the server's people: media that is some live user's current avatar is
 * readable by every signed-in person (the directory and every chat list show it, as WeChat shows anyone's).
 */
export function mayFetch(userId: string, media: Pick<MediaRecord, 'ownerId'>, use: MediaUse): boolean {
  return use.visibleToViewer || (media.ownerId === userId && !use.recalled);
}

/**
 * The access rule run against the stores: the media port's record and the messages' `mediaUse` (an index lookup
 * by media id). The media routes, the send path (forwarding) and the sweep of unsent uploads all ask it.
 */
export class MediaAccess {
  constructor(
    private readonly media: Pick<MediaStore, 'get'>,
    private readonly messages: Pick<MessageTable, 'mediaUse'>,
    private readonly users: Pick<UserTable, 'isAvatar'>,
  ) {}

  /** The record of `mediaId` if `userId` may fetch it; null when it is unknown or not theirs to see (both 404). */
  async visible(userId: string, mediaId: string): Promise<MediaRecord | null> {
    const found = await this.throughMessages(userId, mediaId);
    if (!found) return null;
    return found.allowed || (await this.users.isAvatar(mediaId)) ? found.media : null;
  }

  /**
   * The record of `mediaId` if `userId` may send it (contract: "only media that I uploaded, or that I can see in one
   * of my chats"); null otherwise (404). Stricter than {@link visible}: someone's avatar, readable by everyone, is
   * not theirs to send unless it reached them in a chat.
   */
  async sendable(userId: string, mediaId: string): Promise<MediaRecord | null> {
    const found = await this.throughMessages(userId, mediaId);
    return found?.allowed ? found.media : null;
  }

  /** The record of `mediaId` (null when unknown), and whether `userId` may have it by its messages (`mayFetch`). */
  private async throughMessages(
    userId: string,
    mediaId: string,
  ): Promise<{ media: MediaRecord; allowed: boolean } | null> {
    const media = await this.media.get(mediaId);
    if (!media) return null;
    return { media, allowed: mayFetch(userId, media, await this.messages.mediaUse(mediaId, userId)) };
  }

  /**
   * Whether the sweep of unsent uploads keeps it: some message that is not recalled carries it, or it is someone's
   * avatar. A file whose every message was recalled is served to no one, so after its day it is removed like one
   * never sent; so is an avatar replaced by another.
   */
  async inUse(mediaId: string): Promise<boolean> {
    return (await this.messages.mediaUse(mediaId)).sent || (await this.users.isAvatar(mediaId));
  }
}
