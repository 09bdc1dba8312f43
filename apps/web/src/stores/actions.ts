import type { Chat, Media, MessageKind, User, UserWithPresence } from '@pairchat/schema';
import { ApiError, createApi } from '../api/client.ts';
import { readMarkToSend } from '../lib/read-mark.ts';
import { Connection, socketUrl } from '../socket/connection.ts';
import { applyFrame, type FrameEffects } from './apply-frame.ts';
import { useApp } from './app-store.ts';
import { catchUp, loadChatList } from './catch-up.ts';
import { lastSeq } from './merge.ts';
import {
  dropPushSubscription,
  followNotificationClicks,
  notifyMessage,
  startNotifier,
  syncPushSubscription,
  takeRequestedChat,
} from './notify-actions.ts';
import type { PageSide, PendingMessage } from './slices/messages.ts';
import { quoteOf } from './quote.ts';
import { presenceUnknown } from './slices/presence.ts';

/**
 * The app's actions: plain functions over the one store (the zustand docs' "no store actions" pattern for what
 * talks to the server). They hold nothing themselves: the socket and the session's timers live in the store's
 * connection slice, and the app starts and stops them explicitly (`restoreSession`, `signIn`, `signOut`,
 * `watchVisibility`).
 */

const TYPING_EVERY_MS = 3000;
/** How long frames naming unknown peers are gathered before the one chat-list refresh they cause. */
const CHAT_LIST_REFRESH_MS = 300;
const ACK_CHECK_EVERY_MS = 1000;

/** The store's state now; the actions' one way in (shared with `message-actions.ts`). */
export const get = () => useApp.getState();

/** Any call refused with 401 while signed in means the session ended elsewhere: sign this tab out too. */
export const api = createApi({
  onUnauthorized: () => {
    if (get().me) endSession();
  },
});

const frameEffects: FrameEffects = {
  ready,
  markActiveRead,
  refreshChatList,
  notifyMessage: (chat, message) => notifyMessage(chat, message, openFromNotification),
};

/** A notification was clicked (or `/?chat=` loaded): opens that chat if it is one of mine. */
function openFromNotification(chatId: string): void {
  if (get().chats.some((c) => c.id === chatId)) void openChat(chatId).catch(() => undefined);
}

/**
 * Signed in as `me`: whatever an earlier session left is dropped, the socket opens, and each `ready` brings the
 * catch-up and who is online.
 */
function startSession(me: User): void {
  stopRuntime();
  get().signedOut();
  get().signedIn(me);
  const socket = new Connection(socketUrl(), {
    onStatus: (status) => get().setStatus(status),
    onFrame: (frame) => applyFrame(useApp, frame, frameEffects),
    onSessionEnded: endSession,
    sessionAlive: () =>
      api.me().then(
        () => true,
        (err: unknown) => !(err instanceof ApiError && err.status === 401),
      ),
  });
  const ackTicker = setInterval(() => get().expirePending(Date.now()), ACK_CHECK_EVERY_MS);
  get().setRuntime({ socket, ackTicker });
  socket.start();
  void syncPushSubscription();
}

/** The socket said `ready` as `user`. */
function ready(user: User): void {
  // Another tab signed this browser in as someone else while this one was away: start over as them, so nothing
  // of the previous account stays on screen.
  if (user.id !== get().me?.id) startSession(user);
  else void resync();
}

/** Ends the socket and the session's timers. */
function stopRuntime(): void {
  const { socket, ackTicker, chatListRefresh } = get();
  socket?.stop();
  if (ackTicker) clearInterval(ackTicker);
  if (chatListRefresh) clearTimeout(chatListRefresh);
  get().setRuntime({ socket: null, ackTicker: null, chatListRefresh: null });
}

/** The session is over (a 1008 close, a 401): this tab goes to the sign-in screen and drops what it held. */
function endSession(): void {
  stopRuntime();
  get().signedOut();
}

async function resync(): Promise<void> {
  get().setCatchingUp(true);
  try {
    await catchUp(api, get);
    flushPending();
    const requested = takeRequestedChat();
    if (requested) openFromNotification(requested);
    markActiveRead();
  } catch {
    // The socket will drop and come back, or the next ready will try again; the banner stays meanwhile.
    return;
  } finally {
    get().setCatchingUp(false);
  }
}

/** At start: signed in already (the session cookie) opens the session, otherwise the sign-in screen shows. */
export async function restoreSession(): Promise<void> {
  startNotifier();
  followNotificationClicks(openFromNotification);
  let me: User;
  try {
    me = await api.me();
  } catch {
    get().signedOut();
    return;
  }
  startSession(me);
}

/** Signs in or creates the account; errors (`ApiError`) are the caller's to show. */
export async function signIn(mode: 'login' | 'register', name: string, password: string): Promise<void> {
  startSession(mode === 'login' ? await api.login(name, password) : await api.register(name, password));
}

/** Signs out here; the server closes this session's other sockets with 1008, which signs its other tabs out. */
export async function signOut(): Promise<void> {
  stopRuntime();
  // The next person on this browser must not get this one's pushes.
  await dropPushSubscription();
  try {
    await api.logout();
  } finally {
    get().signedOut();
  }
}

/**
 * Follows the page's visibility into the store; coming back to the page marks the open chat read. Returns the
 * function that stops following it.
 */
export function watchVisibility(): () => void {
  const onChange = () => {
    get().setVisible(document.visibilityState === 'visible');
    markActiveRead();
  };
  onChange();
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

/** Refetches the chat list (and so who of its peers is online) once, however many frames ask within a moment. */
export function refreshChatList(): void {
  if (get().chatListRefresh) return;
  const chatListRefresh = setTimeout(() => {
    get().setRuntime({ chatListRefresh: null });
    loadChatList(api, get).catch(() => undefined);
  }, CHAT_LIST_REFRESH_MS);
  get().setRuntime({ chatListRefresh });
}

/** The directory, for Contacts: everyone else whose name contains `q`. */
export function searchUsers(q: string): Promise<UserWithPresence[]> {
  return api.users(q);
}

/** Opens my chat with a person (from Contacts), making it if needed. */
export async function openChatWith(peerId: string): Promise<void> {
  const chat = await api.openChat(peerId);
  get().putChat(chat);
  if (presenceUnknown(get(), chat.peer.id)) refreshChatList();
  await openChat(chat.id);
}

/** Shows a chat, loading its newest page the first time, and marks it read if the page is visible. */
export async function openChat(chatId: string): Promise<void> {
  get().setActiveChat(chatId);
  get().setView('chats');
  if (!get().histories[chatId]?.loaded) {
    const page = await api.messages(chatId, {});
    get().addMessages(chatId, page.messages, { hasOlder: page.hasMore });
  }
  markActiveRead();
}

/** Back to the list (on a phone, the list page). */
export function closeChat(): void {
  get().setActiveChat(null);
}

/**
 * The page before the oldest message held (`older`) or after the newest (`newer`, in a window opened `around`
 * an older message), once at a time per side, while the server says there is one.
 */
export async function loadPage(chatId: string, side: PageSide): Promise<void> {
  const history = get().histories[chatId];
  const more = side === 'older' ? history?.hasOlder : history?.hasNewer;
  const busy = side === 'older' ? history?.loadingOlder : history?.loadingNewer;
  if (!history || !more || busy) return;
  const edge = side === 'older' ? history.messages[0]?.seq : lastSeq(history.messages);
  if (edge === undefined) return;
  get().setLoading(chatId, side, true);
  try {
    const page = await api.messages(chatId, side === 'older' ? { before: edge } : { after: edge });
    get().addMessages(
      chatId,
      page.messages,
      side === 'older' ? { hasOlder: page.hasMore } : { hasNewer: page.hasMore },
    );
  } finally {
    get().setLoading(chatId, side, false);
  }
}

/** Replaces a window held `around` an older message with the newest page: where a send must be seen. */
export async function showNewest(chatId: string): Promise<void> {
  const page = await api.messages(chatId, {});
  get().setWindow(chatId, page.messages, { hasOlder: page.hasMore, hasNewer: false });
}

/**
 * Tells the server I have read the chat I am looking at, when something is unread and the page is visible: a
 * message that arrives while the page is hidden stays unread (and counts in the title) until the person is back.
 */
export function markActiveRead(): void {
  const s = get();
  const chatId = s.activeChatId;
  if (!chatId || !s.visible) return;
  const chat = s.chats.find((c) => c.id === chatId);
  if (!chat) return;
  const newest = Math.max(lastSeq(s.histories[chatId]?.messages ?? []), chat.lastMessage?.seq ?? 0);
  // Only what the message list has shown (lib/read-mark.ts); the server's chat_updated brings the rest's count.
  const seq = readMarkToSend(chatId, newest, chat.unread);
  if (seq === null) return;
  if (seq >= newest) s.markReadLocally(chatId);
  if (!s.socket?.send({ type: 'read', chatId, seq })) void api.read(chatId, seq).catch(() => undefined);
}

/**
 * Optimistic send: the bubble shows at once as pending; the ack replaces it with the stored message. The quote
 * the composer shows (if any) goes with it and is cleared. From a window away from the newest, the list first
 * goes back to the newest, where the message will show.
 */
export function sendMessage(chat: Chat, content: string): void {
  const text = content.trim();
  if (text) sendNew(chat, { content: text });
}

/**
 * Sends a media file already stored by `POST /api/media` as a message of `kind` (`{kind, mediaId}`, the contract),
 * through the same optimistic path as a text: pending bubble, then the ack.
 */
export function sendMedia(chat: Chat, kind: Exclude<MessageKind, 'text'>, media: Media): void {
  sendNew(chat, { content: '', kind, media });
}

function sendNew(chat: Chat, body: Pick<PendingMessage, 'content' | 'kind' | 'media'>): void {
  const quoted = get().replyingTo[chat.id];
  const clientId = crypto.randomUUID();
  const now = Date.now();
  get().addPending({
    ...body,
    clientId,
    chatId: chat.id,
    to: chat.peer.id,
    date: new Date(now).toISOString(),
    status: 'pending',
    sentAt: now,
    replyTo: quoted ? quoteOf(quoted) : null,
  });
  get().setReplyingTo(chat.id, null);
  if (get().histories[chat.id]?.hasNewer) void showNewest(chat.id).catch(() => undefined);
  transmit(clientId);
}

/** A retry reuses the clientId, so the server stores the message once however often it is sent. */
export function retry(clientId: string): void {
  transmit(clientId);
}

function transmit(clientId: string): void {
  const p = get().pending[clientId];
  if (!p) return;
  get().transmitted(clientId, Date.now());
  // Not open: it stays pending and goes out with the catch-up after the socket is back (or fails at its deadline).
  const replyTo = p.replyTo ? { replyTo: p.replyTo.seq } : {};
  const body = p.media && p.kind ? { kind: p.kind, mediaId: p.media.id } : { content: p.content };
  get().socket?.send({ type: 'send', to: p.to, clientId, ...body, ...replyTo });
}

function flushPending(): void {
  for (const p of Object.values(get().pending)) if (p.status === 'pending') transmit(p.clientId);
}

/** Tells the peer I am typing, at most every few seconds. */
export function typing(to: string): void {
  const now = Date.now();
  if (now - get().typingSentAt < TYPING_EVERY_MS) return;
  get().setRuntime({ typingSentAt: now });
  get().socket?.send({ type: 'typing', to });
}

/** Deletes my chat box (for me only); my other tabs hear `chat_deleted`. */
export async function deleteChat(chatId: string): Promise<void> {
  await api.deleteChat(chatId);
  get().removeChat(chatId);
}

/** The stable code of a failed call, for the i18n key `error.<code>`. */
export function errorText(err: unknown): string {
  return err instanceof ApiError ? err.code : 'network';
}
