import { withoutControlCharacters, type Chat, type Message } from '@pairchat/schema';
import { api, get, refreshChatList } from './actions.ts';
import { openChat } from './chat-actions.ts';

/**
 * What a person does to one message or one chat box beyond sending: recall, delete for me, forward, jump to a
 * message, pin and mute. Plain functions over the one store, like `actions.ts`; the server's frames bring the
 * same changes to my other tabs and the peer's (`apply-frame.ts`).
 */

/**
 * Recalls my message (WeChat's "Recall"): the server answers the recalled message, or `forbidden` after the
 * recall window. Its text is kept in this tab for "Re-edit".
 */
export async function recallMessage(chatId: string, message: Message): Promise<void> {
  const recalled = await api.recall(chatId, message.seq);
  get().rememberRecalled(message.id, message.content);
  get().updateMessage(chatId, recalled);
}

/** WeChat's "Re-edit": the text of a message I recalled goes back into the composer (after what is there). */
export function reEdit(chatId: string, messageId: string): void {
  const text = get().recalledTexts[messageId];
  if (text === undefined) return;
  const draft = get().drafts[chatId] ?? '';
  get().setDraft(chatId, draft.trim() ? `${draft}${text}` : text);
}

/** Deletes one message for me only: it leaves this tab at once, my other tabs hear `message_deleted`. */
export async function deleteMessageForMe(chatId: string, seq: number): Promise<void> {
  await api.deleteMessage(chatId, seq);
  const wasLast = get().chats.find((c) => c.id === chatId)?.lastMessage?.seq === seq;
  get().deleteForMe(chatId, seq);
  if (wasLast) refreshChatList(); // the server knows which message the chat list shows now
}

/** A forward's destination: one of my chats, or a person from the directory (whose chat is opened for it). */
export type ForwardTarget = { chatId: string } | { peerId: string };

/**
 * What a forward of `message` sends: its text, or its media by id (the server lets me send media I can see in one
 * of my chats, so nothing is uploaded again). A text stored before control characters were refused may hold one:
 * it goes without them, as the composer sends.
 */
export function forwardBody(message: Message): { content: string } | { kind: Message['kind']; mediaId: string } {
  return message.kind === 'text' || !message.media
    ? { content: withoutControlCharacters(message.content) }
    : { kind: message.kind, mediaId: message.media.id };
}

/** Sends a copy of a message to each target (WeChat's "Forward", see {@link forwardBody}); answers those failed. */
export async function forwardMessage(message: Message, targets: ForwardTarget[]): Promise<ForwardTarget[]> {
  const failed: ForwardTarget[] = [];
  const body = forwardBody(message);
  await Promise.all(
    targets.map(async (target) => {
      try {
        const chat = 'chatId' in target ? { id: target.chatId } : await api.openChat(target.peerId);
        if ('peerId' in target) get().putChat(chat as Chat);
        const sent = await api.send(chat.id, { clientId: crypto.randomUUID(), ...body });
        get().addMessages(chat.id, [sent]);
      } catch {
        failed.push(target);
      }
    }),
  );
  return failed;
}

/**
 * Opens a chat at one message (a search result, a quote) and highlights it: when the history held does not
 * reach it, the page `around` it replaces the history, a window that scrolling extends both ways.
 */
export async function openChatAt(chatId: string, seq: number): Promise<void> {
  const history = get().histories[chatId];
  const held = history?.messages.some((m) => m.seq === seq);
  if (!held) {
    const page = await api.messages(chatId, { around: seq });
    get().setWindow(chatId, page.messages, { hasOlder: page.hasMore, hasNewer: page.hasNewer ?? false });
  }
  get().setHighlight({ chatId, seq, at: Date.now() });
  await openChat(chatId);
}

/** Pins or mutes my chat box; the answer (and `chat_updated` in my other tabs) puts it in its place. */
export async function updateChat(chatId: string, change: { pinned?: boolean; muted?: boolean }): Promise<void> {
  get().putChat(await api.updateChat(chatId, change));
}

/** Messages I can see that contain `q` (the server's substring search), in one chat or in all of mine. */
export function searchMessages(q: string, chatId?: string) {
  return api.searchMessages(q, chatId);
}
