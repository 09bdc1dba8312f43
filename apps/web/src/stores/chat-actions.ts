import { MAX_FRAME_BYTES, type Chat, type Media, type MessageKind, type SendBody } from '@pairchat/schema';
import { ApiError } from '../api/client.ts';
import { readMarkToSend } from '../lib/read-mark.ts';
import { api, get, refreshChatList } from './actions.ts';
import { lastSeq } from './merge.ts';
import type { PageSide, PendingMessage } from './slices/messages.ts';
import { presenceUnknown } from './slices/presence.ts';
import { quoteOf } from './quote.ts';

/**
 * What a person does in a chat: open it, page its history, mark it read, send (optimistically), retry, type,
 * delete the chat box. Plain functions over the one store, like `actions.ts`, which holds the session.
 */

const TYPING_EVERY_MS = 3000;

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
  const frame = { type: 'send', to: p.to, clientId, ...body, ...replyTo } as const;
  if (overFrameLimit(p.content, frame)) void sendOverRest(p.chatId, clientId, { clientId, ...body, ...replyTo });
  else get().socket?.send(frame);
}

const utf8 = new TextEncoder();

/**
 * Whether a send frame would pass MAX_FRAME_BYTES, so the server would close the socket with 1009: a text of 4000
 * long emoji (the contract lets them all fit) is about 100 KB of JSON. Only a text long enough to get there is
 * measured (a UTF-16 unit is at most six bytes of JSON, as `\u0000`).
 */
function overFrameLimit(content: string, frame: object): boolean {
  return content.length * 6 + 1024 > MAX_FRAME_BYTES && utf8.encode(JSON.stringify(frame)).length > MAX_FRAME_BYTES;
}

/**
 * A send too large for a frame goes through `POST /api/chats/:id/messages` (same fields, same clientId, so a repeat
 * is stored once): acked as by an `ack` frame; a network failure leaves it pending for the retry after reconnect;
 * a refusal fails it, final for `forbidden` with a reason, as from an `error` frame.
 */
async function sendOverRest(chatId: string, clientId: string, body: SendBody): Promise<void> {
  try {
    get().acked(clientId, await api.send(chatId, body));
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'network' || err.code === 'aborted')) return;
    get().failed(clientId, err instanceof ApiError && err.code === 'forbidden' ? err.reason : undefined);
  }
}

/** Sends again every message still pending (after a reconnect's catch-up). */
export function flushPending(): void {
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
