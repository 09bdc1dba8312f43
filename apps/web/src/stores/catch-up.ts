import type { Api } from '../api/client.ts';
import type { AppState } from './app-store.ts';
import { lastSeq } from './merge.ts';

type CatchUpState = Pick<
  AppState,
  'chats' | 'histories' | 'setChats' | 'addMessages' | 'reconcileRange' | 'removeChat' | 'presenceFromChatList'
>;

const PAGE = 200;
/**
 * How many of the newest held messages a catch-up fetches again, to learn what changed while this tab was away:
 * recalls (only possible within the recall window, so only among the newest) and messages deleted for me in
 * another tab. One page's worth keeps a reconnect to one request per open chat in the usual case.
 */
export const RECHECK = PAGE;

/**
 * The chat list and who of its peers is online now: what a catch-up starts with, and all a chat-list refresh does.
 * The chats' `clearedSeq` drop what this tab holds below it (see the chats slice).
 */
export async function loadChatList(
  api: Pick<Api, 'chats'>,
  getState: () => CatchUpState,
  now: () => string = () => new Date().toISOString(),
): Promise<void> {
  const startedAt = now();
  const { chats, online } = await api.chats();
  getState().setChats(chats, startedAt);
  getState().presenceFromChatList(
    chats.map((c) => c.peer.id),
    online,
  );
}

/**
 * After the socket is (re)opened and `ready`: fetch the chat list and, for every chat whose history this tab
 * holds, its newest held messages again (up to `RECHECK`) and everything after them. Frames keep arriving
 * meanwhile; everything merges by id, so a message that lands between the socket opening and these fetches is
 * neither lost nor doubled, and a recalled one comes back recalled (a recall always wins the merge). A held
 * message that the server no longer answers within a page's range was deleted for me elsewhere, and goes.
 * A window held `around` an older message (`hasNewer`) is rechecked, not extended to the newest.
 */
export async function catchUp(
  api: Pick<Api, 'chats' | 'messages'>,
  getState: () => CatchUpState,
  now: () => string = () => new Date().toISOString(),
): Promise<void> {
  await loadChatList(api, getState, now);
  const known = new Set(getState().chats.map((c) => c.id));
  for (const chatId of Object.keys(getState().histories)) {
    if (!known.has(chatId)) {
      getState().removeChat(chatId);
      continue;
    }
    const held = getState().histories[chatId]?.messages ?? [];
    let after = (held[Math.max(0, held.length - RECHECK)]?.seq ?? 1) - 1;
    for (;;) {
      // Everything held now was stored before this request: a page that ends the history covers all of it.
      const heldUpTo = lastSeq(getState().histories[chatId]?.messages ?? []);
      const page = await api.messages(chatId, { after, limit: PAGE });
      const to = page.hasMore ? lastSeq(page.messages) : Math.max(heldUpTo, lastSeq(page.messages));
      getState().reconcileRange(chatId, page.messages, after + 1, to);
      if (!page.hasMore || page.messages.length === 0 || getState().histories[chatId]?.hasNewer) break;
      after = lastSeq(page.messages);
    }
  }
}
