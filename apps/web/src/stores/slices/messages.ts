import type { Message } from '@pairchat/schema';
import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';
import { mergeMessages } from '../merge.ts';

/** How long a sent message waits for its ack before it shows the retry action. */
export const ACK_TIMEOUT_MS = 10_000;

/** A message I sent that has no ack yet (or failed): shown at once, replaced by the stored one on ack. */
export interface PendingMessage {
  clientId: string;
  chatId: string;
  to: string;
  content: string;
  date: string;
  status: 'pending' | 'failed';
  /** When it last went out (ms since epoch): the ack is due within `ACK_TIMEOUT_MS` of this. */
  sentAt: number;
}

export interface ChatHistory {
  messages: Message[];
  /** Older messages exist on the server. */
  hasOlder: boolean;
  loadingOlder: boolean;
  /**
   * The newest page has been fetched. Messages that arrive (frames, acks) before it are kept all the same, so one
   * stored while that first page was on its way is not lost from view.
   */
  loaded: boolean;
}

/** The histories this tab holds (only chats it has opened) and my messages still on their way. */
export interface MessagesSlice {
  histories: Record<string, ChatHistory>;
  pending: Record<string, PendingMessage>;
  /** Merges messages into a chat's history; `hasOlder` is set when the page says so. */
  addMessages: (chatId: string, messages: Message[], page?: { hasOlder: boolean }) => void;
  /**
   * Drops the held messages of a chat that are no longer mine to see: the one way a message leaves the view
   * (a deleted chat's `clearedSeq`, and later a message deleted for me). An emptied history has nothing older to page.
   */
  hideMessages: (chatId: string, hidden: (m: Message) => boolean) => void;
  setLoadingOlder: (chatId: string, on: boolean) => void;
  addPending: (p: PendingMessage) => void;
  /** It went out (again) at `at`: pending, with a fresh ack deadline. */
  transmitted: (clientId: string, at: number) => void;
  failed: (clientId: string) => void;
  /** Every pending message whose ack is overdue at `now` shows as failed, with its retry action. */
  expirePending: (now: number) => void;
  /** The ack: the pending bubble becomes the stored message, and my chat shows it as the newest. */
  acked: (clientId: string, message: Message) => void;
}

export const messagesInitial = {
  histories: {} as Record<string, ChatHistory>,
  pending: {} as Record<string, PendingMessage>,
};

const EMPTY: ChatHistory = { messages: [], hasOlder: false, loadingOlder: false, loaded: false };

export const createMessagesSlice: StateCreator<AppState, [], [], MessagesSlice> = (set, get) => ({
  ...messagesInitial,
  addMessages: (chatId, messages, page) =>
    set((s) => {
      const prev = s.histories[chatId] ?? EMPTY;
      const next = {
        ...prev,
        messages: mergeMessages(prev.messages, messages),
        hasOlder: page ? page.hasOlder : prev.hasOlder,
        loaded: prev.loaded || page !== undefined,
      };
      return { histories: { ...s.histories, [chatId]: next } };
    }),
  hideMessages: (chatId, hidden) =>
    set((s) => {
      const prev = s.histories[chatId];
      if (!prev || !prev.messages.some(hidden)) return {};
      const messages = prev.messages.filter((m) => !hidden(m));
      const next = { ...prev, messages, hasOlder: messages.length > 0 && prev.hasOlder };
      return { histories: { ...s.histories, [chatId]: next } };
    }),
  setLoadingOlder: (chatId, on) =>
    set((s) => {
      const prev = s.histories[chatId];
      return prev ? { histories: { ...s.histories, [chatId]: { ...prev, loadingOlder: on } } } : {};
    }),
  addPending: (p) => set((s) => ({ pending: { ...s.pending, [p.clientId]: p } })),
  transmitted: (clientId, at) =>
    set((s) => {
      const p = s.pending[clientId];
      return p ? { pending: { ...s.pending, [clientId]: { ...p, status: 'pending', sentAt: at } } } : {};
    }),
  failed: (clientId) =>
    set((s) => {
      const p = s.pending[clientId];
      return p ? { pending: { ...s.pending, [clientId]: { ...p, status: 'failed' } } } : {};
    }),
  expirePending: (now) =>
    set((s) => {
      const overdue = Object.values(s.pending).filter(
        (p) => p.status === 'pending' && p.sentAt + ACK_TIMEOUT_MS <= now,
      );
      if (overdue.length === 0) return {};
      const pending = { ...s.pending };
      for (const p of overdue) pending[p.clientId] = { ...p, status: 'failed' };
      return { pending };
    }),
  acked: (clientId, message) => {
    const s = get();
    const chatId = s.pending[clientId]?.chatId ?? s.chats.find((c) => c.peer.id === message.to)?.id;
    const { [clientId]: _done, ...pending } = s.pending;
    set({ pending });
    if (!chatId) return;
    get().addMessages(chatId, [message]);
    const chat = get().chats.find((c) => c.id === chatId);
    if (chat && (chat.lastMessage?.seq ?? 0) < message.seq) {
      get().putChat({
        ...chat,
        lastMessage: message,
        updatedAt: message.date > chat.updatedAt ? message.date : chat.updatedAt,
      });
    }
  },
});
