import { randomUUID } from 'node:crypto';
import {
  MESSAGES_LIMIT_DEFAULT,
  nameKey,
  USERS_LIMIT_DEFAULT,
  type Chat,
  type MessagesAnswer,
  type ServerFrame,
  type User,
  type UserWithPresence,
} from '@pairchat/schema';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { MessagingPolicy } from '../contacts/messaging-policy.ts';
import { badRequest, conflict, forbidden, notFound } from '../errors.ts';
import { takeOrThrow } from '../limits/make-limiter.ts';
import type { PushLog, PushNotifier } from '../push/push-sender.ts';
import type { EventBus } from '../realtime/bus/port.ts';
import { toMedia, type MediaRecord } from '../media/port.ts';
import type { Presence } from '../realtime/presence/port.ts';
import { DuplicateError, type NewMessage, type Store } from '../store/port.ts';
import { monotonicClock } from './clock.ts';
import type { CheckedSend, SendCommand, SendResult } from './send-command.ts';
import { Conversations, type PageQuery } from './conversations.ts';
import { MessageActions } from './message-actions.ts';
import { pushIfOffline, type OfflinePush } from './offline-push.ts';
import { mediaKindProblem, toChat, type ChatBox } from './rules.ts';
import { UserCache } from './user-cache.ts';

export interface ChatServiceOptions {
  /**
   * The per-person send limit, one point per send keyed by the sender's id (REST and frames share it): from
   * `app.limits.makeLimiter`, so with Redis it holds across processes.
   */
  sendLimit: RateLimiterAbstract;
  now?: () => Date;
  /** Web Push (plugins/push.ts), told of each message whose recipient has no open socket on any process. */
  notifier?: PushNotifier;
  /** Where a failure of that background step is logged. */
  log?: PushLog;
  /**
   * The stored record of `mediaId` if `me` may send it, or null (`MediaAccess.visible`: they uploaded it, or can see
   * it in one of their chats). Without it, media messages are refused with 400 (a server without a media store).
   */
  mediaFor?: (me: User, mediaId: string) => Promise<MediaRecord | null>;
  /** Blocks and `MESSAGING` (`contacts/messaging-policy.ts`); without it anyone may write to anyone. */
  policy?: MessagingPolicy;
}

/** What a send carries once checked: the stored form of its kind, text, media and quote. */
type SendBody = Pick<NewMessage, 'kind' | 'content' | 'media' | 'replyTo'>;

/**
 * The chat use cases: search people, open, list, send, read, delete for me, typing, presence. It knows the store,
 * bus and presence ports, not Fastify, sockets or a driver; REST routes and WebSocket frames both call it, so both
 * paths behave the same. Every event it publishes goes to a person (all of their sockets, on every process).
 */
export class ChatService {
  /** Users by id for the send path; `forget` one whose profile or account changed on this process. */
  readonly users: UserCache;
  private readonly conversations: Conversations;
  private readonly sendLimit: RateLimiterAbstract;
  private readonly now: () => Date;
  private readonly offline: OfflinePush;
  private readonly mediaFor: ChatServiceOptions['mediaFor'];
  private readonly policy: MessagingPolicy | undefined;
  /** Recall, delete one message for me, pin and mute, quote, search (`message-actions.ts`). */
  readonly actions: MessageActions;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly presence: Pick<Presence, 'onlineAmong'>,
    opts: ChatServiceOptions,
  ) {
    this.conversations = new Conversations(store);
    this.users = new UserCache(store.users);
    this.sendLimit = opts.sendLimit;
    this.now = opts.now ?? monotonicClock();
    this.policy = opts.policy;
    const remarkOf = this.policy && this.policy.remarkOf.bind(this.policy);
    this.offline = { presence, notifier: opts.notifier, log: opts.log, remarkOf };
    this.mediaFor = opts.mediaFor;
    this.actions = new MessageActions(this.conversations, (userId, frame) => this.publish(userId, frame), this.now);
  }

  async searchUsers(me: User, q: string | undefined, limit: number | undefined): Promise<UserWithPresence[]> {
    const users = await this.store.users.search(me.id, nameKey(q ?? ''), limit ?? USERS_LIMIT_DEFAULT);
    const online = await this.onlineFor(me.id, users);
    return users.map((u) => ({ ...u, online: online.has(u.id) }));
  }

  async openChat(me: User, peerId: string): Promise<{ chat: Chat; created: boolean }> {
    if (peerId === me.id) throw badRequest('you cannot open a chat with yourself');
    const peer = await this.users.get(peerId);
    if (!peer) throw notFound('no such user');
    if (await this.policy?.isBlocked(peerId, me.id)) {
      // A person the peer blocked keeps a box they have, but gets no new one (contract: "cannot open a new chat").
      const box = await this.store.chats.find(me.id, peerId);
      if (!box || box.hidden) throw forbidden('this person does not accept your messages', 'blocked');
    }
    const { chat, created } = await this.conversations.open(me.id, peer, randomUUID(), this.now().toISOString());
    if (created) this.publish(me.id, { type: 'chat_updated', chat: toChat(chat) });
    return { chat: toChat(chat), created };
  }

  /** My visible chat boxes, most recent first, and which of their peers are online now. */
  async listChats(me: User): Promise<{ chats: Chat[]; online: string[] }> {
    const chats = (await this.conversations.list(me.id)).map(toChat);
    const online = await this.onlineFor(
      me.id,
      chats.map((c) => c.peer),
    );
    return { chats, online: [...online] };
  }

  async deleteChat(me: User, chatId: string): Promise<void> {
    if (!(await this.conversations.hide(me.id, chatId))) throw notFound('no such chat');
    this.publish(me.id, { type: 'chat_deleted', chatId });
  }

  async listMessages(
    me: User,
    chatId: string,
    page: Omit<PageQuery, 'limit'> & { limit?: number | undefined },
  ): Promise<MessagesAnswer> {
    const box = await this.requireChat(me, chatId);
    return this.conversations.messages(box, { ...page, limit: page.limit ?? MESSAGES_LIMIT_DEFAULT });
  }

  /** Sends into one of my chat boxes (the REST path). */
  async sendToChat(me: User, chatId: string, command: Omit<SendCommand, 'to'>): Promise<SendResult> {
    const box = await this.requireChat(me, chatId);
    return this.send(me, { ...command, to: box.peer.id });
  }

  /**
   * Stores a message and delivers it: a `message` event to the recipient and to the sender (their other tabs),
   * except at `command.origin`. A resend with a known clientId stores and delivers nothing and answers with the
   * first message. Errors: 400 to myself, 429 over the send limit, 404 unknown recipient, 403 (`reason: 'deleted'`)
   * a deleted account, 409 clientId used for
   * another chat, 503 store unavailable.
   */
  async send(me: User, command: SendCommand): Promise<SendResult> {
    return (await this.check(me, command)).store();
  }

  /**
   * The checks of a send (recipient, limit), without storing it yet. `store()` calls the store's append before it
   * returns, and the store keeps a pair's appends in call order: a caller that runs `check` for each of a tab's
   * sends in turn and calls `store()` as each passes gets them stored in the tab's order, while they still share
   * one group commit.
   */
  async check(me: User, command: SendCommand): Promise<CheckedSend> {
    if (command.to === me.id) throw badRequest('you cannot send a message to yourself');
    await takeOrThrow(this.sendLimit, me.id, 'too many messages');
    const peer = await this.users.get(command.to);
    if (!peer) throw notFound('no such user');
    if (peer.deleted === true) throw forbidden('this account was deleted', 'deleted');
    const refusal = await this.policy?.refusal(me.id, peer.id);
    if (refusal) throw forbidden('the recipient does not accept your messages', refusal);
    const body = await this.bodyOf(me, peer, command);
    return { store: () => this.append(me, peer, command, body) };
  }

  /**
   * The kind, text, media and quote of a send. Media: 404 for a media id I may not see (unknown, someone else's:
   * the same answer, so it reveals nothing), 400 when its stored kind does not fit the message's (`mediaKindProblem`),
   * 400 for a quote from elsewhere. One bounded lookup (the media port's `get` and an index read of the messages),
   * before the append.
   */
  private async bodyOf(me: User, peer: User, command: SendCommand): Promise<SendBody> {
    const kind = command.kind ?? 'text';
    const replyTo = command.replyTo === undefined ? null : await this.actions.quote(me, peer.id, command.replyTo);
    if (kind === 'text') return { kind, content: command.content ?? '', media: null, replyTo };
    if (!this.mediaFor) throw badRequest('this server cannot send media');
    if (command.mediaId === undefined) throw badRequest(`a ${kind} message needs a mediaId`);
    // Durability: a record is visible to `get` only once its bytes are durable (MediaStore.save resolves after the
    // fsync of the file and its folder, or the written GridFS chunks; the upload answers 201 after that), so the
    // message acknowledged after this append never refers to bytes a crash could lose.
    const record = await this.mediaFor(me, command.mediaId);
    if (!record) throw notFound('no such media');
    const problem = mediaKindProblem(kind, record.kind);
    if (problem) throw badRequest(problem);
    return { kind, content: '', media: toMedia(record), replyTo };
  }

  private async append(me: User, peer: User, command: SendCommand, body: SendBody): Promise<SendResult> {
    let appended;
    try {
      appended = await this.conversations.append({
        id: randomUUID(),
        from: me,
        to: peer,
        clientId: command.clientId,
        ...body,
        date: this.now().toISOString(),
        newChatIds: { sender: randomUUID(), recipient: randomUUID() },
      });
    } catch (err) {
      if (err instanceof DuplicateError) throw conflict('that clientId was already used for another chat');
      throw err;
    }
    const { message, created, senderChat, recipientChat } = appended;
    // A resend is delivered again to whoever still sees the message (a null box: see `Appended`): the first attempt
    // may have been stored and never published (its process stopped between the commit and the fan-out), and a
    // socket open all along would otherwise never get it. Clients merge messages by seq, so a second copy adds
    // nothing; the boxes are the stored ones, so no count moves. No second push: a crash in that gap loses a
    // notification, not a message.
    if (senderChat) this.publish(me.id, { type: 'message', chat: toChat(senderChat), message }, command.origin);
    if (recipientChat) this.publish(peer.id, { type: 'message', chat: toChat(recipientChat), message });
    if (created && recipientChat) pushIfOffline(this.offline, peer.id, recipientChat, message);
    return { message, created };
  }

  /** Marks my chat read up to `seq`; the peer gets a read receipt and my other tabs the updated box. */
  async read(me: User, chatId: string, seq: number): Promise<Chat> {
    const result = await this.conversations.markRead(me.id, chatId, seq);
    if (!result) throw notFound('no such chat');
    const chat = toChat(result.chat);
    if (result.advanced) {
      this.publish(me.id, { type: 'chat_updated', chat });
      if (result.peerChatId) {
        const receipt = { type: 'read', chatId: result.peerChatId, peerId: me.id, seq: result.chat.readSeq } as const;
        this.publish(result.chat.peer.id, receipt);
      }
    }
    return chat;
  }

  /**
   * Typing goes to the peer's sockets, and only within a chat they keep with me (see `hearsFrom`); otherwise it is
   * dropped without a word, so a stranger learns nothing of the peer's chats. 404 for a person who does not exist.
   */
  async typing(me: User, to: string): Promise<void> {
    if (to === me.id) return;
    if (!(await this.users.get(to))) throw notFound('no such user');
    if (!(await this.hearsFrom(to, me.id))) return;
    this.publish(to, { type: 'typing', from: me.id });
  }

  /**
   * Whether `listener` gets live signals (typing) from `speaker`: only when the listener has a chat box with the
   * speaker that they have not deleted — their own chat, made by opening it or by a message between the two. The
   * speaker's box is not enough: anyone can open a chat with anyone. Nor when either has blocked the other.
   */
  private async hearsFrom(listener: string, speaker: string): Promise<boolean> {
    const box = await this.store.chats.find(listener, speaker);
    return box !== null && !box.hidden && !(await this.policy?.apart(listener, speaker));
  }

  /** Tells everyone who has a chat with this person, but those they blocked, that they came online or went offline. */
  async presenceChanged(userId: string, online: boolean): Promise<void> {
    const [owners, blocked] = await Promise.all([
      this.store.chats.ownersWithPeer(userId),
      this.policy?.blockedBy(userId),
    ]);
    for (const owner of owners) {
      if (!blocked?.has(owner)) this.publish(owner, { type: 'presence', userId, online });
    }
  }

  /** Which of these people `viewerId` sees online: those online now, but not those who blocked the viewer. */
  private async onlineFor(viewerId: string, people: User[]): Promise<Set<string>> {
    const online = await this.presence.onlineAmong(people.map((p) => p.id));
    return this.policy ? this.policy.visibleOnline(viewerId, online) : online;
  }

  /** One event for one person: every process delivers it to that person's sockets (but the origin's). */
  private publish(userId: string, frame: ServerFrame, origin?: string): void {
    this.bus.publish({ kind: 'frame', userId, frame, origin });
  }

  private async requireChat(me: User, chatId: string): Promise<ChatBox> {
    const box = await this.conversations.get(me.id, chatId);
    if (!box) throw notFound('no such chat');
    return box;
  }
}
