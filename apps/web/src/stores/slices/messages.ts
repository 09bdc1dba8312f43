import type { Media, Message, MessageKind, RefusalReason } from '@pairchat/schema';
import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';
import { mergeMessages, newerMessage } from '../merge.ts';
import { saveOutbox } from './outbox.ts';

/** How long a sent message waits for its ack, while connected, before it shows the retry action. */
export const ACK_TIMEOUT_MS = 10_000;

/** A message I sent that has no ack yet (or failed): shown at once, replaced by the stored one on ack. */
export interface PendingMessage {
  clientId: string;
  chatId: string;
  to: string;
  content: string;
  /** A media message (`kind` other than text) carries the stored media it sends by id; text has neither. */
  kind?: MessageKind;
  media?: Media;
  date: string;
  status: 'pending' | 'failed';
  /**
   * The server refused it for good (`forbidden` with a reason: the recipient blocked me, we are not contacts):
   * the bubble says why and offers no retry, since sending again would be refused again.
   */
  refused?: RefusalReason;
  /** The seq this message quotes, and the quote the bubble shows until the stored message replaces it. */
  replyTo: Message['replyTo'];
  /** When it last went out (ms since epoch): the ack is due within `ACK_TIMEOUT_MS` of this. */
  sentAt: number;
}

export interface ChatHistory {
  messages: Message[];
  /** Older messages exist on the server. */
  hasOlder: boolean;
  loadingOlder: boolean;
  /**
   * Newer messages exist on the server that this history does not hold: it is a window opened `around` a search
   * result or a quote, not touching the newest. Frames are not added to it (they would leave a gap); scrolling
   * down pages newer ones in, and once the newest is reached it is an ordinary history again.
   */
  hasNewer: boolean;
  loadingNewer: boolean;
  /**
   * The newest page has been fetched. Messages that arrive (frames, acks) before it are kept all the same, so one
   * stored while that first page was on its way is not lost from view.
   */
  loaded: boolean;
}

/** Which way a page goes from the history held: `before` its oldest, `after` its newest. */
export type PageSide = 'older' | 'newer';

/** The histories this tab holds (only chats it has opened) and my messages still on their way. */
export interface MessagesSlice {
  histories: Record<string, ChatHistory>;
  pending: Record<string, PendingMessage>;
  /**
   * Seqs I deleted for me, per chat, in this tab or another: never shown again, whatever page or catch-up brings
   * them (the server stops serving them, but a page already on its way may still hold one).
   */
  hiddenSeqs: Record<string, number[]>;
  /** The text of messages I recalled in this tab, by message id: WeChat's "Re-edit" puts it back in the composer. */
  recalledTexts: Record<string, string>;
  /** Ids of messages this tab has heard were recalled, held or not: search results drop them at once. */
  recalledIds: Record<string, true>;
  /**
   * Merges messages into a chat's history; `hasOlder` / `hasNewer` are set when the page says so. Without a page
   * (a frame, an ack) nothing is added to a window that does not hold the newest (see `hasNewer`).
   */
  addMessages: (chatId: string, messages: Message[], page?: { hasOlder?: boolean; hasNewer?: boolean }) => void;
  /** Replaces a chat's history with a window (an `around` page), which the list then opens at. */
  setWindow: (chatId: string, messages: Message[], page: { hasOlder: boolean; hasNewer: boolean }) => void;
  /**
   * A page that covers the seqs `from`–`to` completely: a held message in that range that the page lacks is no
   * longer mine to see (deleted for me, or the chat cleared, while this tab was away), and goes.
   */
  reconcileRange: (chatId: string, page: Message[], from: number, to: number) => void;
  /** A message changed (recalled): every held copy of it, and the chat list's preview, take the new state. */
  updateMessage: (chatId: string, message: Message) => void;
  /** One message deleted for me (here or in another tab): hidden from now on. */
  deleteForMe: (chatId: string, seq: number) => void;
  /** I recalled a message: its text is kept for "Re-edit". */
  rememberRecalled: (messageId: string, text: string) => void;
  /**
   * Drops the held messages of a chat that are no longer mine to see: the one way a message leaves the view
   * (a deleted chat's `clearedSeq`, and later a message deleted for me). An emptied history has nothing older to page.
   */
  hideMessages: (chatId: string, hidden: (m: Message) => boolean) => void;
  setLoading: (chatId: string, side: PageSide, on: boolean) => void;
  addPending: (p: PendingMessage) => void;
  /** It went out (again) at `at`: pending, with a fresh ack deadline. */
  transmitted: (clientId: string, at: number) => void;
  /** No ack: it shows as failed, with a retry, or as refused for good when the server said why (`reason`). */
  failed: (clientId: string, reason?: RefusalReason) => void;
  /** Every pending message whose ack is overdue at `now` shows as failed, with its retry action. */
  expirePending: (now: number) => void;
  /** The ack: the pending bubble becomes the stored message, and my chat shows it as the newest. */
  acked: (clientId: string, message: Message) => void;
  /** A chat of mine is gone (deleted): so are my messages to it that have no ack. */
  dropPending: (chatId: string) => void;
}

export const messagesInitial = {
  histories: {} as Record<string, ChatHistory>,
  pending: {} as Record<string, PendingMessage>,
  hiddenSeqs: {} as Record<string, number[]>,
  recalledTexts: {} as Record<string, string>,
  recalledIds: {} as Record<string, true>,
};

const EMPTY: ChatHistory = {
  messages: [],
  hasOlder: false,
  loadingOlder: false,
  hasNewer: false,
  loadingNewer: false,
  loaded: false,
};

/** `pending` as the new outbox of state `s`, saved for its signed-in user (outbox.ts), as a state change. */
function keep(s: AppState, pending: Record<string, PendingMessage>): { pending: Record<string, PendingMessage> } {
  if (s.me) saveOutbox(s.me.id, pending, Object.keys(s.pending));
  return { pending };
}

export const createMessagesSlice: StateCreator<AppState, [], [], MessagesSlice> = (set, get) => ({
  ...messagesInitial,
  addMessages: (chatId, messages, page) =>
    set((s) => {
      const prev = s.histories[chatId] ?? EMPTY;
      if (!page && prev.hasNewer) return {};
      const hidden = s.hiddenSeqs[chatId] ?? [];
      const shown = hidden.length === 0 ? messages : messages.filter((m) => !hidden.includes(m.seq));
      const next = {
        ...prev,
        messages: mergeMessages(prev.messages, shown),
        hasOlder: page?.hasOlder ?? prev.hasOlder,
        hasNewer: page?.hasNewer ?? prev.hasNewer,
        loaded: prev.loaded || page !== undefined,
      };
      return { histories: { ...s.histories, [chatId]: next } };
    }),
  setWindow: (chatId, messages, page) =>
    set((s) => {
      const hidden = s.hiddenSeqs[chatId] ?? [];
      const next = { ...EMPTY, ...page, loaded: true, messages: messages.filter((m) => !hidden.includes(m.seq)) };
      return { histories: { ...s.histories, [chatId]: next } };
    }),
  reconcileRange: (chatId, page, from, to) => {
    const kept = new Set(page.map((m) => m.id));
    get().hideMessages(chatId, (m) => m.seq >= from && m.seq <= to && !kept.has(m.id));
    get().addMessages(chatId, page, {});
  },
  updateMessage: (chatId, message) => {
    if (message.recalled) set((s) => ({ recalledIds: { ...s.recalledIds, [message.id]: true } }));
    set((s) => {
      const prev = s.histories[chatId];
      if (!prev?.messages.some((m) => m.id === message.id)) return {};
      const next = { ...prev, messages: mergeMessages(prev.messages, [message]) };
      return { histories: { ...s.histories, [chatId]: next } };
    });
    const chat = get().chats.find((c) => c.id === chatId);
    if (chat?.lastMessage?.id === message.id) {
      get().putChat({ ...chat, lastMessage: newerMessage(chat.lastMessage, message) });
    }
  },
  deleteForMe: (chatId, seq) => {
    set((s) => ({ hiddenSeqs: { ...s.hiddenSeqs, [chatId]: [...(s.hiddenSeqs[chatId] ?? []), seq] } }));
    get().hideMessages(chatId, (m) => m.seq === seq);
  },
  rememberRecalled: (messageId, text) => set((s) => ({ recalledTexts: { ...s.recalledTexts, [messageId]: text } })),
  hideMessages: (chatId, hidden) =>
    set((s) => {
      const prev = s.histories[chatId];
      if (!prev || !prev.messages.some(hidden)) return {};
      const messages = prev.messages.filter((m) => !hidden(m));
      const next = { ...prev, messages, hasOlder: messages.length > 0 && prev.hasOlder };
      return { histories: { ...s.histories, [chatId]: next } };
    }),
  setLoading: (chatId, side, on) =>
    set((s) => {
      const prev = s.histories[chatId];
      const key = side === 'older' ? 'loadingOlder' : 'loadingNewer';
      return prev ? { histories: { ...s.histories, [chatId]: { ...prev, [key]: on } } } : {};
    }),
  addPending: (p) => set((s) => keep(s, { ...s.pending, [p.clientId]: p })),
  transmitted: (clientId, at) =>
    set((s) => {
      const p = s.pending[clientId];
      return p ? keep(s, { ...s.pending, [clientId]: { ...p, status: 'pending', sentAt: at } }) : {};
    }),
  failed: (clientId, reason) =>
    set((s) => {
      const p = s.pending[clientId];
      const refused = reason ? { refused: reason } : {};
      return p ? keep(s, { ...s.pending, [clientId]: { ...p, status: 'failed', ...refused } }) : {};
    }),
  expirePending: (now) =>
    set((s) => {
      // The ack clock runs only while the socket is open and caught up: a send made or left pending in an outage
      // stays pending, and the catch-up's flush sends it again with a new deadline (a short outage is not a failure).
      if (s.status !== 'open' || s.catchingUp || s.lostConnection) return {};
      const overdue = Object.values(s.pending).filter(
        (p) => p.status === 'pending' && p.sentAt + ACK_TIMEOUT_MS <= now,
      );
      if (overdue.length === 0) return {};
      const pending = { ...s.pending };
      for (const p of overdue) pending[p.clientId] = { ...p, status: 'failed' };
      return keep(s, pending);
    }),
  dropPending: (chatId) =>
    set((s) => keep(s, Object.fromEntries(Object.entries(s.pending).filter(([, p]) => p.chatId !== chatId)))),
  acked: (clientId, message) => {
    const s = get();
    const chatId = s.pending[clientId]?.chatId ?? s.chats.find((c) => c.peer.id === message.to)?.id;
    const { [clientId]: _done, ...pending } = s.pending;
    set(keep(s, pending));
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
