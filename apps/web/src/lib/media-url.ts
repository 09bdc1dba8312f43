/** Where the server serves a media file (`GET /api/media/:id`) and its thumbnail (`…/thumbnail`, long side ≤ 480 px). */
export const mediaUrl = (id: string) => `/api/media/${encodeURIComponent(id)}`;
export const thumbnailUrl = (id: string) => `${mediaUrl(id)}/thumbnail`;

/** The long side of a photo in a bubble, in CSS pixels (WeChat's desktop client shows about this much). */
export const BUBBLE_PHOTO_SIDE = 240;

/**
 * The size a photo of `width`×`height` pixels takes in a bubble: scaled down (never up) so its long side is at most
 * `BUBBLE_PHOTO_SIDE`, each side at least 40 px so a sliver of a panorama can still be clicked. Known before the
 * thumbnail loads, so the space is reserved and the list does not jump.
 */
export function bubbleSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, BUBBLE_PHOTO_SIDE / Math.max(width, height, 1));
  return { width: Math.max(40, Math.round(width * scale)), height: Math.max(40, Math.round(height * scale)) };
}
