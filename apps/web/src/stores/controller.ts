import type { Chat, User, UserWithPresence } from '@pairchat/schema';
import { api, ApiError } from '../api/client.ts';
import { readMarkToSend } from '../lib/read-mark.ts';
import { Connection, socketUrl } from '../socket/connection.ts';
import { useApp } from './app-store.ts';
import { catchUp } from './catch-up.ts';
import { lastSeq } from './merge.ts';

/** How long a sent message waits for its ack before it shows the retry action. */
const ACK_TIMEOUT_MS = 10_000;
const TYPING_EVERY_MS = 3000;

let connection: Connection | null = null;
const ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
let lastTypingSent = 0;

const get = () => useApp.getState();

/** Starts the session: the socket, then (on every `ready`) the catch-up. */
function connect(): void {
  connection?.stop();
  connection = new Connection(socketUrl(), {
    onStatus: (status) => get().setStatus(status),
    onFrame: (frame) => {
      get().applyFrame(frame);
      if (frame.type === 'message' || frame.type === 'chat_updated') learnPresence(frame.chat);
      if (frame.type === 'ack') clearAckTimer(frame.clientId);
      if (frame.type === 'message' && frame.chat.id === get().activeChatId) markActiveRead();
    },
    onReady: () => void resync(),
  });
  connection.start();
}

async function resync(): Promise<void> {
  get().setCatchingUp(true);
  try {
    await catchUp(api, get);
    void seedPresence(); // who is online now: at the first connect, and again after being away
    flushPending();
    markActiveRead();
  } catch {
    // The socket will drop and come back, or the next ready will try again; the banner stays meanwhile.
    return;
  } finally {
    get().setCatchingUp(false);
  }
}

/** Signed in: the socket opens, and each `ready` brings the catch-up and who is online. */
function startSession(me: User): void {
  get().signedIn(me);
  connect();
}

export async function restoreSession(): Promise<void> {
  let me: User;
  try {
    me = await api.me();
  } catch {
    get().signedOut();
    return;
  }
  startSession(me);
}

export async function signIn(mode: 'login' | 'register', name: string, password: string): Promise<void> {
  startSession(mode === 'login' ? await api.login(name, password) : await api.register(name, password));
}

export async function signOut(): Promise<void> {
  connection?.stop();
  connection = null;
  try {
    await api.logout();
  } finally {
    get().signedOut();
  }
}

async function seedPresence(): Promise<void> {
  const users = await api.users('').catch(() => [] as UserWithPresence[]);
  get().setOnline(Object.fromEntries(users.map((u) => [u.id, u.online])));
}

/**
 * Presence frames come only from people I already have a chat with; for a chat that just appeared (someone new
 * wrote to me), ask once whether they are online.
 */
function learnPresence(chat: Chat): void {
  if (get().online[chat.peer.id] !== undefined) return;
  void api
    .users(chat.peer.name)
    .then((users) => {
      const peer = users.find((u) => u.id === chat.peer.id);
      if (peer && get().online[peer.id] === undefined) get().setOnline({ [peer.id]: peer.online });
    })
    .catch(() => undefined);
}

export function searchUsers(q: string): Promise<UserWithPresence[]> {
  return api.users(q);
}

/** Opens my chat with a person (from Contacts), making it if needed. */
export async function openChatWith(peerId: string): Promise<void> {
  const chat = await api.openChat(peerId);
  get().putChat(chat);
  await openChat(chat.id);
}

export async function openChat(chatId: string): Promise<void> {
  get().setActiveChat(chatId);
  get().setView('chats');
  if (!get().histories[chatId]) {
    const page = await api.messages(chatId, {});
    get().addMessages(chatId, page.messages, { hasOlder: page.hasMore });
  }
  markActiveRead();
}

export function closeChat(): void {
  get().setActiveChat(null);
}

export async function loadOlder(chatId: string): Promise<void> {
  const history = get().histories[chatId];
  if (!history || !history.hasOlder || history.loadingOlder) return;
  const oldest = history.messages[0]?.seq;
  if (oldest === undefined) return;
  get().setLoadingOlder(chatId, true);
  try {
    const page = await api.messages(chatId, { before: oldest });
    get().addMessages(chatId, page.messages, { hasOlder: page.hasMore });
  } finally {
    get().setLoadingOlder(chatId, false);
  }
}

/** Tells the server how far I have read the chat I am looking at: up to what it has shown, when the page is visible. */
export function markActiveRead(): void {
  const s = get();
  const chatId = s.activeChatId;
  if (!chatId || document.visibilityState !== 'visible') return;
  const chat = s.chats.find((c) => c.id === chatId);
  if (!chat) return;
  const newest = Math.max(lastSeq(s.histories[chatId]?.messages ?? []), chat.lastMessage?.seq ?? 0);
  // Only what the message list has shown (lib/read-mark.ts); the server's chat_updated brings the rest's count.
  const seq = readMarkToSend(chatId, newest, chat.unread);
  if (seq === null) return;
  if (seq >= newest) s.markReadLocally(chatId);
  if (!connection?.send({ type: 'read', chatId, seq })) void api.read(chatId, seq).catch(() => undefined);
}

/** Optimistic send: the bubble shows at once as pending; the ack replaces it with the stored message. */
export function sendMessage(chat: Chat, content: string): void {
  const text = content.trim();
  if (!text) return;
  const clientId = crypto.randomUUID();
  get().addPending({
    clientId,
    chatId: chat.id,
    to: chat.peer.id,
    content: text,
    date: new Date().toISOString(),
    status: 'pending',
  });
  transmit(clientId);
}

/** A retry reuses the clientId, so the server stores the message once however often it is sent. */
export function retry(clientId: string): void {
  get().setPendingStatus(clientId, 'pending');
  transmit(clientId);
}

function transmit(clientId: string): void {
  const p = get().pending[clientId];
  if (!p) return;
  clearAckTimer(clientId);
  // Not open: it stays pending and goes out with the catch-up after the socket is back.
  connection?.send({ type: 'send', to: p.to, clientId, content: p.content });
  ackTimers.set(
    clientId,
    setTimeout(() => {
      if (get().pending[clientId]?.status === 'pending') get().setPendingStatus(clientId, 'failed');
    }, ACK_TIMEOUT_MS),
  );
}

function clearAckTimer(clientId: string): void {
  const t = ackTimers.get(clientId);
  if (t) clearTimeout(t);
  ackTimers.delete(clientId);
}

function flushPending(): void {
  for (const p of Object.values(get().pending)) if (p.status === 'pending') transmit(p.clientId);
}

export function typing(to: string): void {
  const now = Date.now();
  if (now - lastTypingSent < TYPING_EVERY_MS) return;
  lastTypingSent = now;
  connection?.send({ type: 'typing', to });
}

export async function deleteChat(chatId: string): Promise<void> {
  await api.deleteChat(chatId);
  get().removeChat(chatId);
}

export function errorText(err: unknown): string {
  return err instanceof ApiError ? err.code : 'network';
}

document.addEventListener('visibilitychange', markActiveRead);
