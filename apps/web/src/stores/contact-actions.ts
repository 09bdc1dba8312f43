import type { User, UserWithPresence } from '@pairchat/schema';
import { api, get } from './actions.ts';

/**
 * Contacts, requests and blocks (WeChat's 通讯录, 新的朋友, 加入黑名单): plain functions over the one store, like
 * `actions.ts`. Each answer is applied here at once; the server's frames bring the same change to my other tabs
 * and to the other person (apply-frame.ts).
 */

/** Contacts, open requests and blocks, fetched again: after each `ready`, and when a frame names someone unknown. */
export async function loadPeople(): Promise<void> {
  const me = get().me?.id;
  const load = get().beginPeopleLoad();
  let answer;
  try {
    answer = await Promise.all([api.contacts(), api.contactRequests(), api.blocks()]);
  } catch (err) {
    get().endPeopleLoad(load);
    throw err;
  }
  const [contacts, requests, blocked] = answer;
  // Signed out (or in as someone else) meanwhile: the answer is the previous person's.
  if (get().me?.id !== me) return get().endPeopleLoad(load);
  get().setPeople(load, { contacts, incoming: requests.incoming, outgoing: requests.outgoing, blocked });
  for (const c of contacts) if (get().online[c.user.id] === undefined) get().setOnline(c.user.id, c.online);
}

/** The directory, to add someone or to write to them: everyone else whose name contains `q`. */
export function searchUsers(q: string): Promise<UserWithPresence[]> {
  return api.users(q);
}

/** Asks `user` to become my contact, with a note (验证消息); 409 `conflict` when asked before or already contacts. */
export async function requestContact(userId: string, note: string): Promise<void> {
  const request = await api.requestContact(userId, note.trim());
  const me = get().me;
  if (me) get().putRequest(request, me.id);
}

/** Accepts a request to me: we are each other's contacts. */
export async function acceptRequest(requestId: string): Promise<void> {
  const contact = await api.acceptRequest(requestId);
  get().closeRequest(requestId);
  get().putContact(contact);
}

export async function declineRequest(requestId: string): Promise<void> {
  await api.declineRequest(requestId);
  get().closeRequest(requestId);
}

/** My private name for a contact (备注); `""` removes it. */
export async function setRemark(userId: string, remark: string): Promise<void> {
  get().putContact(await api.setRemark(userId, remark.trim()));
}

/** We are no longer contacts (for both); our chat stays. */
export async function removeContact(userId: string): Promise<void> {
  await api.removeContact(userId);
  get().removeContact(userId);
}

/** Blocks or unblocks a person: blocked, their sends to me are refused and they see neither my presence nor typing. */
export async function setBlocked(user: User, blocked: boolean): Promise<void> {
  await (blocked ? api.block(user.id) : api.unblock(user.id));
  get().setBlock(user, blocked);
}
