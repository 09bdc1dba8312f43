import type { Chat, Message, ServerFrame, User } from '@pairchat/schema';
import { create } from 'zustand';
import type { ConnectionStatus } from '../socket/connection.ts';
import { detectLang, type Lang } from '../i18n/index.ts';
import { lastSeq, mergeMessages, reconcileChats, upsertChat } from './merge.ts';

/** A message I sent that has no ack yet (or failed): shown at once, replaced by the stored one on ack. */
export interface PendingMessage {
  clientId: string;
  chatId: string;
  to: string;
  content: string;
  date: string;
  status: 'pending' | 'failed';
}

export interface ChatHistory {
  messages: Message[];
  /** Older messages exist on the server. */
  hasOlder: boolean;
  loadingOlder: boolean;
}

export type View = 'chats' | 'contacts' | 'settings';

export interface AppState {
  // session
  me: User | null;
  authChecked: boolean;
  // chats
  chats: Chat[];
  activeChatId: string | null;
  // messages
  histories: Record<string, ChatHistory>;
  pending: Record<string, PendingMessage>;
  // people
  online: Record<string, boolean>;
  typingUntil: Record<string, number>;
  // connection
  status: ConnectionStatus;
  catchingUp: boolean;
  /** The socket dropped after being open, and the catch-up after it is not done yet: the banner shows. */
  lostConnection: boolean;
  // ui
  view: View;
  lang: Lang;

  signedIn: (me: User) => void;
  signedOut: () => void;
  setView: (view: View) => void;
  setLang: (lang: Lang) => void;
  setActiveChat: (chatId: string | null) => void;
  setStatus: (status: ConnectionStatus) => void;
  setCatchingUp: (on: boolean) => void;
  /** The chat list from a fetch that started at `startedAt`. */
  setChats: (chats: Chat[], startedAt: string) => void;
  putChat: (chat: Chat) => void;
  removeChat: (chatId: string) => void;
  /** Merges messages into a chat's history; `hasOlder` is set when the page says so. */
  addMessages: (chatId: string, messages: Message[], page?: { hasOlder: boolean }) => void;
  setLoadingOlder: (chatId: string, on: boolean) => void;
  addPending: (p: PendingMessage) => void;
  setPendingStatus: (clientId: string, status: PendingMessage['status']) => void;
  /** The ack: the pending bubble becomes the stored message, and my chat shows it as the newest. */
  acked: (clientId: string, message: Message) => void;
  setOnline: (people: Record<string, boolean>) => void;
  markReadLocally: (chatId: string) => void;
  /** Applies a server frame to the state. Returns what the caller may need to act on. */
  applyFrame: (frame: ServerFrame) => void;
}

const initial = {
  me: null,
  chats: [],
  activeChatId: null,
  histories: {},
  pending: {},
  online: {},
  typingUntil: {},
  status: 'closed' as ConnectionStatus,
  catchingUp: false,
  lostConnection: false,
  view: 'chats' as View,
};

export const TYPING_SHOWN_MS = 4000;

export const useApp = create<AppState>()((set, get) => ({
  ...initial,
  authChecked: false,
  lang: detectLang(),

  signedIn: (me) => set({ me, authChecked: true }),
  signedOut: () => set({ ...initial, authChecked: true }),
  setView: (view) => set({ view }),
  setLang: (lang) => {
    try {
      localStorage.setItem('pairchat.lang', lang);
    } catch {
      // storage may be unavailable (private mode): the choice lasts for this page only
    }
    set({ lang });
  },
  setActiveChat: (activeChatId) => set({ activeChatId }),
  setStatus: (status) =>
    set((s) => ({ status, lostConnection: s.lostConnection || (status === 'closed' && s.me !== null) })),
  setCatchingUp: (catchingUp) => set((s) => ({ catchingUp, lostConnection: catchingUp ? s.lostConnection : false })),

  setChats: (chats, startedAt) => set((s) => ({ chats: reconcileChats(s.chats, chats, startedAt) })),
  putChat: (chat) => set((s) => ({ chats: upsertChat(s.chats, chat) })),
  removeChat: (chatId) =>
    set((s) => {
      const { [chatId]: _gone, ...histories } = s.histories;
      return {
        chats: s.chats.filter((c) => c.id !== chatId),
        histories,
        activeChatId: s.activeChatId === chatId ? null : s.activeChatId,
      };
    }),

  addMessages: (chatId, messages, page) =>
    set((s) => {
      const prev = s.histories[chatId] ?? { messages: [], hasOlder: false, loadingOlder: false };
      return {
        histories: {
          ...s.histories,
          [chatId]: {
            ...prev,
            messages: mergeMessages(prev.messages, messages),
            hasOlder: page ? page.hasOlder : prev.hasOlder,
          },
        },
      };
    }),
  setLoadingOlder: (chatId, on) =>
    set((s) => {
      const prev = s.histories[chatId];
      return prev ? { histories: { ...s.histories, [chatId]: { ...prev, loadingOlder: on } } } : {};
    }),

  addPending: (p) => set((s) => ({ pending: { ...s.pending, [p.clientId]: p } })),
  setPendingStatus: (clientId, status) =>
    set((s) => {
      const p = s.pending[clientId];
      return p ? { pending: { ...s.pending, [clientId]: { ...p, status } } } : {};
    }),
  acked: (clientId, message) => {
    const s = get();
    const chatId = s.pending[clientId]?.chatId ?? s.chats.find((c) => c.peer.id === message.to)?.id;
    const { [clientId]: _done, ...pending } = s.pending;
    set({ pending });
    if (!chatId) return;
    if (s.histories[chatId]) get().addMessages(chatId, [message]);
    const chat = get().chats.find((c) => c.id === chatId);
    if (chat && (chat.lastMessage?.seq ?? 0) < message.seq) {
      get().putChat({
        ...chat,
        lastMessage: message,
        updatedAt: message.date > chat.updatedAt ? message.date : chat.updatedAt,
      });
    }
  },

  setOnline: (people) => set((s) => ({ online: { ...s.online, ...people } })),
  markReadLocally: (chatId) =>
    set((s) => ({ chats: s.chats.map((c) => (c.id === chatId && c.unread !== 0 ? { ...c, unread: 0 } : c)) })),

  applyFrame: (frame) => {
    const s = get();
    switch (frame.type) {
      case 'message': {
        s.putChat(frame.chat);
        if (s.histories[frame.chat.id]) s.addMessages(frame.chat.id, [frame.message]);
        // A message from my other tab may be one this tab still shows as pending (the same clientId).
        if (s.pending[frame.message.clientId] && frame.message.from === s.me?.id)
          s.acked(frame.message.clientId, frame.message);
        if (frame.message.from !== s.me?.id) {
          const { [frame.message.from]: _stop, ...typingUntil } = get().typingUntil;
          set({ typingUntil });
        }
        break;
      }
      case 'ack':
        s.acked(frame.clientId, frame.message);
        break;
      case 'read':
        set({
          chats: s.chats.map((c) =>
            c.id === frame.chatId && c.peerReadSeq < frame.seq ? { ...c, peerReadSeq: frame.seq } : c,
          ),
        });
        break;
      case 'chat_updated':
        s.putChat(frame.chat);
        break;
      case 'chat_deleted':
        s.removeChat(frame.chatId);
        break;
      case 'typing':
        set({ typingUntil: { ...s.typingUntil, [frame.from]: Date.now() + TYPING_SHOWN_MS } });
        break;
      case 'presence':
        s.setOnline({ [frame.userId]: frame.online });
        break;
      case 'error':
        if (frame.clientId && s.pending[frame.clientId]) s.setPendingStatus(frame.clientId, 'failed');
        break;
      case 'ready':
        break;
    }
  },
}));

/** Unread across chats, not counting the one I am looking at. */
export function totalUnread(s: Pick<AppState, 'chats' | 'activeChatId'>): number {
  return s.chats.reduce((n, c) => n + (c.id === s.activeChatId ? 0 : c.unread), 0);
}

export { lastSeq };
