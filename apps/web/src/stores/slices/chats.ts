import type { Chat } from '@pairchat/schema';
import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';
import { clearedBy, reconcileChats, upsertChat } from '../merge.ts';

/** My chat boxes and which one is open. */
export interface ChatsSlice {
  chats: Chat[];
  activeChatId: string | null;
  setActiveChat: (chatId: string | null) => void;
  /**
   * The chat list from a fetch that started at `startedAt` (ISO). Every chat's `clearedSeq` is applied to the
   * history this tab holds, so a tab that was away when another tab deleted the chat drops what it still shows.
   */
  setChats: (chats: Chat[], startedAt: string) => void;
  /** One chat box, newer than what this tab has (a frame, an open); its `clearedSeq` is applied as above. */
  putChat: (chat: Chat) => void;
  /** The chat box is gone from my list (deleted here or in another tab), with the history and draft held for it. */
  removeChat: (chatId: string) => void;
  /** The peer has read up to `seq`; read marks only move forward. */
  peerRead: (chatId: string, seq: number) => void;
  /** I have read the chat: its badge clears at once, before the server confirms. */
  markReadLocally: (chatId: string) => void;
}

export const chatsInitial = { chats: [] as Chat[], activeChatId: null as string | null };

export const createChatsSlice: StateCreator<AppState, [], [], ChatsSlice> = (set, get) => ({
  ...chatsInitial,
  setActiveChat: (activeChatId) => set({ activeChatId }),
  setChats: (chats, startedAt) => {
    set((s) => ({ chats: reconcileChats(s.chats, chats, startedAt) }));
    for (const chat of get().chats) get().hideMessages(chat.id, clearedBy(chat));
  },
  putChat: (chat) => {
    set((s) => ({ chats: upsertChat(s.chats, chat) }));
    get().hideMessages(chat.id, clearedBy(chat));
  },
  removeChat: (chatId) => {
    get().setDraft(chatId, '');
    get().dropPending(chatId);
    set((s) => {
      const { [chatId]: _gone, ...histories } = s.histories;
      return {
        chats: s.chats.filter((c) => c.id !== chatId),
        histories,
        activeChatId: s.activeChatId === chatId ? null : s.activeChatId,
      };
    });
  },
  peerRead: (chatId, seq) =>
    set((s) => ({
      chats: s.chats.map((c) => (c.id === chatId && c.peerReadSeq < seq ? { ...c, peerReadSeq: seq } : c)),
    })),
  markReadLocally: (chatId) =>
    set((s) => ({ chats: s.chats.map((c) => (c.id === chatId && c.unread !== 0 ? { ...c, unread: 0 } : c)) })),
});
