import { notificationPreview, type Chat, type Message } from '@pairchat/schema';
import { z } from 'zod';
import { createApi } from '../api/client.ts';
import { LANGS } from '../i18n/index.ts';
import {
  askNotificationPermission,
  beep,
  notificationPermission,
  NotifierElection,
  showNotification,
  subscribePush,
  unlockSound,
  unsubscribePush,
  type Permission,
} from '../lib/notify.ts';
import { useApp } from './app-store.ts';
import { nameIn } from './names.ts';

/**
 * Notifications (issue 15): the Settings switches, the browser notification of a message that arrives while no
 * tab of the app is visible, and the Web Push subscription that covers the time when no tab is open. Plain
 * functions over the store, like actions.ts; the browser's APIs are behind lib/notify.ts.
 */

const get = () => useApp.getState();
/** The push calls only; a 401 here is left to the main client in actions.ts, which hears of it on its own calls. */
const api = createApi();
const election = new NotifierElection();
/** What the service worker posts when a notification is clicked while a tab is open (sw/sw.ts, `OpenChatMessage`). */
const OpenChatMessageSchema = z.object({ type: z.literal('open-chat'), chatId: z.string().min(1) });

/**
 * Whether a chat raises no notification (contract: a muted chat "raises no notification"). `Chat` gets `muted`
 * with the message actions (branch `actions`); until then no chat is muted.
 */
export function chatMuted(chat: Chat & { muted?: boolean }): boolean {
  return chat.muted === true;
}

/** Joins the election of the tab that shows notifications; once per page, at start. */
export function startNotifier(): void {
  election.start();
}

/**
 * Turns notifications on, from the Settings switch (the click is the gesture the permission prompt needs): asks
 * for permission, then subscribes this browser to Web Push in the background. Answers the permission: anything
 * but 'granted' leaves notifications off.
 */
export async function enableNotifications(): Promise<Permission> {
  unlockSound();
  const permission = await askNotificationPermission();
  if (permission !== 'granted') {
    get().setNotify({ enabled: false });
    return permission;
  }
  get().setNotify({ enabled: true });
  void syncPushSubscription();
  return permission;
}

/** Turns notifications off: no more browser notifications, and this browser's push subscription ends. */
export async function disableNotifications(): Promise<void> {
  get().setNotify({ enabled: false });
  await dropPushSubscription();
}

/** "Show message preview": kept here, and sent to the server with the subscription (its `preview` field). */
export function setNotificationPreview(preview: boolean): void {
  get().setNotify({ preview });
  if (get().notify.enabled) void syncPushSubscription();
}

export function setNotificationSound(sound: boolean): void {
  if (sound) unlockSound();
  get().setNotify({ sound });
}

/**
 * Subscribes this browser to Web Push for the signed-in person (again: the server replaces a known endpoint, and
 * takes the current preview choice), when notifications are on and allowed. Best effort: a browser without a
 * push service (or a dev build without the service worker) still gets notifications while a tab is open.
 */
export async function syncPushSubscription(): Promise<void> {
  const { notify, me } = get();
  if (!me || !notify.enabled || notificationPermission() !== 'granted') return;
  try {
    const sub = await subscribePush(await api.pushKey());
    if (sub) await api.subscribePush({ ...sub, preview: notify.preview });
  } catch (err) {
    console.warn('pairchat: no Web Push in this browser', err);
  }
}

/** Ends this browser's push subscription here and on the server (signing out, or the switch turned off). */
export async function dropPushSubscription(): Promise<void> {
  try {
    const endpoint = await unsubscribePush();
    if (endpoint) await api.unsubscribePush(endpoint);
  } catch (err) {
    console.warn('pairchat: push subscription not ended', err);
  }
}

/**
 * A message arrived (a `message` frame): a notification when notifications are on, the message is someone
 * else's, its chat is not muted, and this is the elected tab with no tab of the app visible. Title: the name I
 * see for the sender (my remark for them, else theirs); body: the text, or "New message" when previews are off. A click focuses the tab and calls `open`.
 */
export function notifyMessage(chat: Chat, message: Message, open: (chatId: string) => void): void {
  const { notify, me, lang } = get();
  if (!notify.enabled || message.from === me?.id || chatMuted(chat) || !election.shouldNotify()) return;
  showNotification({
    title: nameIn(get(), chat.peer),
    body: notify.preview ? notificationPreview(message) : LANGS[lang]['notify.newMessage'],
    tag: chat.id,
    onClick: () => open(chat.id),
  });
  if (notify.sound) beep();
}

/** The chat a notification asked to open at load (`/?chat=<id>`, the service worker's fallback), taken once. */
export function takeRequestedChat(): string | null {
  const url = new URL(window.location.href);
  const chatId = url.searchParams.get('chat');
  if (chatId === null) return null;
  url.searchParams.delete('chat');
  history.replaceState(history.state, '', url);
  return chatId;
}

/** Opens a chat when the service worker says a notification of it was clicked (`{type: 'open-chat', chatId}`). */
export function followNotificationClicks(open: (chatId: string) => void): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent) => {
    const parsed = OpenChatMessageSchema.safeParse(e.data);
    if (parsed.success) open(parsed.data.chatId);
  });
  // Messages posted before this page was ready wait in the client's queue until it is started (Service Workers §4.3).
  navigator.serviceWorker.startMessages();
}
