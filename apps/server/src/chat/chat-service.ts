import { randomUUID } from 'node:crypto';
import {
  MESSAGES_LIMIT_DEFAULT,
  USERS_LIMIT_DEFAULT,
  type Chat,
  type Message,
  type MessagesAnswer,
  type User,
  type UserWithPresence,
} from '@pairchat/schema';
import { nameKey } from '../auth/auth-service.ts';
import { AppError, badRequest, conflict, notFound } from '../errors.ts';
import type { EventBus } from '../realtime/bus/port.ts';
import { DuplicateError, type ChatBox, type Store } from '../store/port.ts';
import { TokenBuckets } from './token-bucket.ts';

/**
 * A clock that never gives the same millisecond twice in this process, so "most recent first" has no ties
 * between two sends that land in one millisecond.
 */
export function monotonicClock(source: () => Date = () => new Date()): () => Date {
  let last = 0;
  return () => {
    last = Math.max(source().getTime(), last + 1);
    return new Date(last);
  };
}

/** Who is online: answered by whatever tracks sockets (this process, or all of them through the bus). */
export interface Presence {
  onlineAmong(userIds: string[]): Promise<Set<string>>;
}

export function toChat(box: ChatBox): Chat {
  return {
    id: box.id,
    peer: box.peer,
    unread: box.unread,
    lastMessage: box.lastMessage,
    updatedAt: box.updatedAt,
    peerReadSeq: box.peerReadSeq,
    clearedSeq: box.clearedSeq,
  };
}

export interface SendResult {
  message: Message;
  /** false for an idempotent resend: nothing new was stored. */
  created: boolean;
}

/**
 * The chat rules: open, send, read, delete for me. It knows the store and bus ports, not Fastify or a driver;
 * REST routes and WebSocket frames both call it, so both paths behave the same.
 */
export class ChatService {
  /**
   * Users by id. Names never change and users are never removed, so entries never go stale; the cache saves the
   * store a lookup per send and lets a send reach the store in the same turn it was asked for (see `send`).
   */
  private readonly users = new Map<string, User>();
  private static readonly USER_CACHE_MAX = 50_000;

  private readonly sendLimit: TokenBuckets;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly presence: Presence,
    limits: { sendBurst: number; sendPerSecond: number } = { sendBurst: 30, sendPerSecond: 10 },
    private readonly now: () => Date = monotonicClock(),
  ) {
    this.sendLimit = new TokenBuckets(limits.sendBurst, limits.sendPerSecond);
  }

  async searchUsers(me: User, q: string | undefined, limit: number | undefined): Promise<UserWithPresence[]> {
    const users = await this.store.searchUsers(me.id, nameKey(q ?? ''), limit ?? USERS_LIMIT_DEFAULT);
    const online = await this.presence.onlineAmong(users.map((u) => u.id));
    return users.map((u) => ({ ...u, online: online.has(u.id) }));
  }

  async openChat(me: User, peerId: string): Promise<{ chat: Chat; created: boolean }> {
    if (peerId === me.id) throw badRequest('you cannot open a chat with yourself');
    const peer = await this.userById(peerId);
    if (!peer) throw notFound('no such user');
    const { chat, created } = await this.store.openChat(me.id, peer, randomUUID(), this.now().toISOString());
    if (created)
      this.bus.publish({ kind: 'frame', userId: me.id, frame: { type: 'chat_updated', chat: toChat(chat) } });
    return { chat: toChat(chat), created };
  }

  /** My visible chat boxes, most recent first, and which of their peers are online now. */
  async listChats(me: User): Promise<{ chats: Chat[]; online: string[] }> {
    const chats = (await this.store.listChats(me.id)).map(toChat);
    const online = await this.presence.onlineAmong(chats.map((c) => c.peer.id));
    return { chats, online: [...online] };
  }

  async deleteChat(me: User, chatId: string): Promise<void> {
    if (!(await this.store.hideChat(me.id, chatId))) throw notFound('no such chat');
    this.bus.publish({ kind: 'frame', userId: me.id, frame: { type: 'chat_deleted', chatId } });
  }

  async listMessages(
    me: User,
    chatId: string,
    page: { before?: number | undefined; after?: number | undefined; limit?: number | undefined },
  ): Promise<MessagesAnswer> {
    const box = await this.requireChat(me, chatId);
    return this.store.listMessages({
      chatKey: box.chatKey,
      clearedSeq: box.clearedSeq,
      before: page.before,
      after: page.after,
      limit: page.limit ?? MESSAGES_LIMIT_DEFAULT,
    });
  }

  /** Sends into one of my chat boxes (the REST path). */
  async sendToChat(me: User, chatId: string, clientId: string, content: string): Promise<SendResult> {
    const box = await this.requireChat(me, chatId);
    return this.send(me, box.peer.id, clientId, content);
  }

  /**
   * Stores a message and delivers it to the pair's room: a `message` frame to every socket of the recipient and
   * to every socket of the sender but `originSocket`, which gets the ack from its caller. A resend with a known
   * clientId stores and delivers nothing and answers with the first message.
   */
  async send(
    me: User,
    to: string,
    clientId: string,
    content: string,
    originSocket?: string,
    /** Called as soon as the store has the message in its queue, before it is committed. */
    onQueued?: () => void,
  ): Promise<SendResult> {
    if (to === me.id) throw badRequest('you cannot send a message to yourself');
    if (!this.sendLimit.take(me.id)) {
      const wait = this.sendLimit.retryAfter(me.id);
      throw new AppError('rate_limited', `too many messages; try again in ${wait} s`, wait);
    }
    const peer = await this.userById(to);
    if (!peer) throw notFound('no such user');
    let result;
    try {
      const appended = this.store.appendMessage({
        id: randomUUID(),
        from: me,
        to: peer,
        clientId,
        content,
        date: this.now().toISOString(),
        newChatIds: { sender: randomUUID(), recipient: randomUUID() },
      });
      onQueued?.();
      result = await appended;
    } catch (err) {
      if (err instanceof DuplicateError) throw conflict('that clientId was already used for another chat');
      throw err;
    }
    const { message, created, senderChat, recipientChat } = result;
    if (created) {
      this.bus.publish({
        kind: 'frame',
        userId: me.id,
        frame: { type: 'message', chat: toChat(senderChat), message },
        exceptSocket: originSocket,
      });
      this.bus.publish({
        kind: 'frame',
        userId: peer.id,
        frame: { type: 'message', chat: toChat(recipientChat), message },
      });
    }
    return { message, created };
  }

  /** Marks my chat read up to `seq`; the peer gets a read receipt and my other tabs the updated box. */
  async read(me: User, chatId: string, seq: number): Promise<Chat> {
    const result = await this.store.markRead(me.id, chatId, seq);
    if (!result) throw notFound('no such chat');
    const chat = toChat(result.chat);
    if (result.advanced) {
      this.bus.publish({ kind: 'frame', userId: me.id, frame: { type: 'chat_updated', chat } });
      if (result.peerChatId) {
        this.bus.publish({
          kind: 'frame',
          userId: result.chat.peer.id,
          frame: { type: 'read', chatId: result.peerChatId, peerId: me.id, seq: result.chat.readSeq },
        });
      }
    }
    return chat;
  }

  /** Typing goes to the peer's sockets only, and only to a person who exists. */
  async typing(me: User, to: string): Promise<void> {
    if (to === me.id) return;
    if (!(await this.userById(to))) throw notFound('no such user');
    this.bus.publish({ kind: 'frame', userId: to, frame: { type: 'typing', from: me.id } });
  }

  /** Tells everyone who has a chat with this person that they came online or went offline. */
  async presenceChanged(userId: string, online: boolean): Promise<void> {
    for (const owner of await this.store.chatOwnersWithPeer(userId)) {
      this.bus.publish({ kind: 'frame', userId: owner, frame: { type: 'presence', userId, online } });
    }
  }

  /** From the cache when it is there (no I/O: a send reaches the store before the next turn of the event loop). */
  private async userById(id: string): Promise<User | null> {
    const cached = this.users.get(id);
    if (cached) return cached;
    const user = await this.store.getUser(id);
    if (user) {
      if (this.users.size >= ChatService.USER_CACHE_MAX) this.users.clear();
      this.users.set(id, user);
    }
    return user;
  }

  private async requireChat(me: User, chatId: string): Promise<ChatBox> {
    const box = await this.store.getChat(me.id, chatId);
    if (!box) throw notFound('no such chat');
    return box;
  }
}
