import type { User } from '@pairchat/schema';
import { ApiError, createApi } from '../api/client.ts';
import { Connection, socketUrl } from '../socket/connection.ts';
import { applyFrame, type FrameEffects } from './apply-frame.ts';
import { useApp } from './app-store.ts';
import { catchUp, loadChatList } from './catch-up.ts';
import { flushPending, markActiveRead, openChat } from './chat-actions.ts';
import { loadPeople } from './contact-actions.ts';
import {
  dropPushSubscription,
  followNotificationClicks,
  notifyMessage,
  startNotifier,
  syncPushSubscription,
  takeRequestedChat,
} from './notify-actions.ts';

/**
 * The session's actions: plain functions over the one store (the zustand docs' "no store actions" pattern for what
 * talks to the server). They hold nothing themselves: the socket and the session's timers live in the store's
 * connection slice, and the app starts and stops them explicitly (`restoreSession`, `signIn`, `signOut`,
 * `watchVisibility`). What a person does in a chat is in `chat-actions.ts`, to one message in `message-actions.ts`,
 * with contacts in `contact-actions.ts`, to their account in `account-actions.ts`; all share `get` and `api`.
 */

/** How long frames naming unknown peers are gathered before the one chat-list refresh they cause. */
const CHAT_LIST_REFRESH_MS = 300;
const ACK_CHECK_EVERY_MS = 1000;

/** The store's state now; the actions' one way in (shared with the other `*-actions.ts`). */
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
  refreshPeople: () => void loadPeople().catch(() => undefined),
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
export function endSession(): void {
  stopRuntime();
  get().signedOut();
}

async function resync(): Promise<void> {
  get().setCatchingUp(true);
  try {
    // Contacts live beside the chats: a failure there must not hold up the catch-up of messages.
    void loadPeople().catch(() => undefined);
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

/** The stable code of a failed call, for the i18n key `error.<code>`. */
export function errorText(err: unknown): string {
  return err instanceof ApiError ? err.code : 'network';
}
