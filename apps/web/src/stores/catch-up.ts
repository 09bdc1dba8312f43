import type { Api } from '../api/client.ts';
import type { AppState } from './app-store.ts';
import { lastSeq } from './merge.ts';

type CatchUpState = Pick<
  AppState,
  'chats' | 'histories' | 'setChats' | 'addMessages' | 'removeChat' | 'presenceFromChatList'
>;

const PAGE = 200;

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
 * holds, the messages after the last seq it has. Frames keep arriving meanwhile; everything merges by id, so a
 * message that lands between the socket opening and these fetches is neither lost nor doubled.
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
    for (;;) {
      const after = lastSeq(getState().histories[chatId]?.messages ?? []);
      const page = await api.messages(chatId, { after, limit: PAGE });
      getState().addMessages(chatId, page.messages);
      if (!page.hasMore || page.messages.length === 0) break;
    }
  }
}
