import type { MediaRecord } from './port.ts';

/**
 * Whether a person may fetch a media file (its bytes or thumbnail). The contract's rule: the uploader, and both
 * people of every chat it was sent in; anyone else gets 404, never the content (nor a hint that it exists).
 *
 * Today only the uploader: messages cannot carry media yet. The integrator extends this one function with "a
 * message in a chat of `userId` carries it and is not recalled" (a store lookup by media id), so the routes, the
 * avatar rule and forwarding all ask the same question.
 */
export function canSee(userId: string, media: MediaRecord): Promise<boolean> {
  return Promise.resolve(media.ownerId === userId);
}
