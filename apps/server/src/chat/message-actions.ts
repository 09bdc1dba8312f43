import {
  SEARCH_LIMIT_DEFAULT,
  type Chat,
  type Message,
  type ReplyTo,
  type SearchResult,
  type ServerFrame,
  type User,
} from '@pairchat/schema';
import { AppError, badRequest, notFound } from '../errors.ts';
import type { Conversations } from './conversations.ts';
import { quoteOf, recallProblem, toChat, type ChatBox } from './rules.ts';

/** Hands one frame to every socket of one person (the chat service's `publish`). */
export type Publish = (userId: string, frame: ServerFrame) => void;

/**
 * The actions on messages and chat boxes after a send: recall, delete one message for me, pin and mute, quote
 * (reply), and search. Like the chat service it knows the ports, not Fastify or sockets; the rules it applies are in
 * `rules.ts`, run by `conversations.ts`.
 */
export class MessageActions {
  constructor(
    private readonly conversations: Conversations,
    private readonly publish: Publish,
    private readonly now: () => Date,
  ) {}

  /**
   * Recalls my message for everyone (WeChat's 撤回): 404 when the chat or a message I can see at `seq` is not
   * there, 403 when it is not mine or older than `windowSeconds`. Both people's sockets get `message_updated`, each
   * with their own chat id. Recalling it again answers the same message and tells no one.
   */
  async recall(me: User, chatId: string, seq: number, windowSeconds: number): Promise<Message> {
    const box = await this.requireChat(me, chatId);
    const result = await this.conversations.recall(box, seq, (m) => recallProblem(m, me.id, this.now(), windowSeconds));
    if (result === null) throw notFound('no such message');
    if (typeof result === 'string') throw new AppError('forbidden', result);
    const { message, changed } = result;
    if (changed) {
      this.publish(me.id, { type: 'message_updated', chatId, message });
      const peerBox = await this.conversations.find(box.peer.id, me.id);
      if (peerBox && (await this.conversations.visibleMessage(peerBox, seq))) {
        this.publish(box.peer.id, { type: 'message_updated', chatId: peerBox.id, message });
      }
    }
    return message;
  }

  /**
   * Deletes one message for me only (the peer keeps it): 404 when I cannot see it. My sockets get
   * `message_deleted`, and `chat_updated` too when it was the chat's last message (the list shows the one before).
   */
  async deleteForMe(me: User, chatId: string, seq: number): Promise<void> {
    const box = await this.requireChat(me, chatId);
    const hidden = await this.conversations.hideMessage(box, seq);
    if (!hidden) throw notFound('no such message');
    this.publish(me.id, { type: 'message_deleted', chatId, seq });
    if (box.lastMessage?.seq === seq || hidden.unreadChanged) {
      this.publish(me.id, { type: 'chat_updated', chat: toChat(hidden.box) });
    }
  }

  /** Pins or mutes my chat box (`PATCH /api/chats/:id`); my sockets get `chat_updated`. 404: not my chat. */
  async setFlags(me: User, chatId: string, change: { pinned?: boolean | undefined; muted?: boolean | undefined }) {
    const flags = {
      ...(change.pinned !== undefined && { pinned: change.pinned }),
      ...(change.muted !== undefined && { muted: change.muted }),
    };
    const box = await this.conversations.setFlags(me.id, chatId, flags);
    if (!box) throw notFound('no such chat');
    const chat: Chat = toChat(box);
    this.publish(me.id, { type: 'chat_updated', chat });
    return chat;
  }

  /**
   * What a reply to `seq` in my chat with `peerId` quotes: 400 when I have no chat with them or cannot see that
   * message there (another pair's seq, a cleared or deleted one, one that does not exist).
   */
  async quote(me: User, peerId: string, seq: number): Promise<ReplyTo> {
    const box = await this.conversations.find(me.id, peerId);
    const message = box ? await this.conversations.visibleMessage(box, seq) : null;
    if (!message) throw badRequest('replyTo is not a message of this chat');
    return quoteOf(message);
  }

  /** Messages I can see containing `q`, newest first, in all my chats or in `chatId` (404 if not mine). */
  async search(me: User, query: { q: string; chatId?: string | undefined; limit?: number | undefined }) {
    const only = query.chatId === undefined ? undefined : await this.requireChat(me, query.chatId);
    const limit = query.limit ?? SEARCH_LIMIT_DEFAULT;
    return (await this.conversations.search(me.id, query.q, limit, only)) satisfies SearchResult[];
  }

  private async requireChat(me: User, chatId: string): Promise<ChatBox> {
    const box = await this.conversations.get(me.id, chatId);
    if (!box) throw notFound('no such chat');
    return box;
  }
}
