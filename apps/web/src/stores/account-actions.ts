import { uploadMedia } from '../api/upload.ts';
import { api, endSession, get } from './actions.ts';

/**
 * My profile and my account (WeChat's 我 → 个人信息, 账号与安全): display name, avatar, password, the browsers I am
 * signed in on, deleting the account. Plain functions over the one store, like `actions.ts`; errors (`ApiError`)
 * are the caller's to show. Everyone with a chat or a contact with me hears of a profile change (`user_updated`).
 */

/** My display name: 1–32 characters of any text (my sign-in name stays). */
export async function setDisplayName(displayName: string): Promise<void> {
  get().userUpdated(await api.updateMe({ displayName: displayName.trim() }));
}

/**
 * A new avatar: the image is uploaded as media (`POST /api/media`, the same upload as a photo in a chat), then
 * made my avatar (`PATCH /api/me {avatar}`); the server crops it square. `null` removes it.
 */
export async function setAvatar(image: File | null): Promise<void> {
  const avatar = image ? (await uploadMedia(image, image.name || 'avatar', () => undefined).done).id : null;
  get().userUpdated(await api.updateMe({ avatar }));
}

/** Changes my password; the server ends every other session of mine (their tabs show the sign-in screen). */
export async function changePassword(current: string, next: string): Promise<void> {
  await api.changePassword(current, next);
  await loadSessions().catch(() => undefined);
}

/** The browsers I am signed in on, most recently seen first. */
export async function loadSessions(): Promise<void> {
  get().setSessions(await api.sessions());
}

/** Signs out one other browser of mine at once. */
export async function endOtherSession(sessionId: string): Promise<void> {
  await api.endSession(sessionId);
  get().sessionEnded(sessionId);
}

/** Signs out every browser of mine but this one. */
export async function endAllOtherSessions(): Promise<void> {
  const others = (get().sessions ?? []).filter((s) => !s.current);
  await Promise.all(others.map((s) => endOtherSession(s.id)));
}

/**
 * Deletes my account for good, after my password again: my messages stay in others' histories under "Deleted
 * account"; my media, sessions and subscriptions go, and this tab shows the sign-in screen.
 */
export async function deleteAccount(password: string): Promise<void> {
  await api.deleteMe(password);
  endSession();
}
