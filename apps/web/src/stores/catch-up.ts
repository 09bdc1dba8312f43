import type { Api } from '../api/client.ts';
import { lastSeq } from './merge.ts';
import type { AppState } from './app-store.ts';

type CatchUpState = Pick<AppState, 'chats' | 'histories' | 'setChats' | 'addMessages' | 'removeChat'>;

const PAGE = 200;

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
  const startedAt = now();
  const chats = await api.chats();
  getState().setChats(chats, startedAt);
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
