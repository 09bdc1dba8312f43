import type { Message, User } from '@pairchat/schema';

export interface UserRecord extends User {
  /** The name folded for case-insensitive uniqueness and prefix search. */
  nameKey: string;
  passwordHash: string;
  createdAt: string;
}

export interface SessionRecord {
  id: string;
  /** sha-256 of the bearer token: a leaked database does not leak usable tokens. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** One person's chat box with one peer, as stored. */
export interface ChatBox {
  id: string;
  ownerId: string;
  peer: User;
  chatKey: string;
  unread: number;
  /** Messages with seq up to this are hidden from the owner ("delete for me"). */
  clearedSeq: number;
  /** The owner has read up to this seq. */
  readSeq: number;
  /** The peer has read up to this seq (read ticks on the owner's messages). */
  peerReadSeq: number;
  updatedAt: string;
  /** The pair's newest message, if the owner can see it. */
  lastMessage: Message | null;
}

export interface NewMessage {
  id: string;
  from: User;
  to: User;
  clientId: string;
  content: string;
  date: string;
  /** Id for whichever chat box has to be made. */
  newChatIds: { sender: string; recipient: string };
}

export interface AppendResult {
  message: Message;
  /** false when (from, clientId) was already stored for this pair: an idempotent resend. */
  created: boolean;
  senderChat: ChatBox;
  recipientChat: ChatBox;
}

export interface MessagePage {
  messages: Message[];
  hasMore: boolean;
}

export interface ReadResult {
  chat: ChatBox;
  /** The read watermark moved forward. */
  advanced: boolean;
  /** The peer's chat box, if they have one visible, for the read receipt. */
  peerChatId: string | null;
}

/** Thrown by adapters for a unique-key clash; the service decides what it means. */
export class DuplicateError extends Error {}
/** Thrown by adapters when the database cannot be reached. */
export class StoreUnavailableError extends Error {}

/**
 * The storage the chat service needs. Adapters speak only these types; no driver type leaks out.
 * Messages are stored once per pair; each person's view of them is a chat box with watermarks.
 */
export interface Store {
  readonly name: string;

  /** @throws DuplicateError when the name key is taken. */
  createUser(user: UserRecord): Promise<void>;
  findUserByNameKey(nameKey: string): Promise<UserRecord | null>;
  getUser(id: string): Promise<User | null>;
  /** Users other than `excludeId` whose name key starts with `prefixKey`, by name key. */
  searchUsers(excludeId: string, prefixKey: string, limit: number): Promise<User[]>;

  createSession(session: SessionRecord): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  getSession(tokenHash: string, now: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Removes sessions expired at `now`; returns how many. (MongoDB's TTL index does this by itself too.) */
  purgeExpiredSessions(now: string): Promise<number>;

  /** Finds the owner's visible chat box with the peer, or makes (or un-hides) it. */
  openChat(ownerId: string, peer: User, newId: string, now: string): Promise<{ chat: ChatBox; created: boolean }>;
  /** The owner's visible chat box with this id. */
  getChat(ownerId: string, chatId: string): Promise<ChatBox | null>;
  /** The owner's visible chat boxes, most recent activity first. */
  listChats(ownerId: string): Promise<ChatBox[]>;
  /** Hides the box and every message so far from its owner only. false if no such visible box. */
  hideChat(ownerId: string, chatId: string): Promise<boolean>;
  /** Owners who have a chat box (visible or not) with this peer. */
  chatOwnersWithPeer(peerId: string): Promise<string[]>;

  /**
   * Stores a message once for the pair with the next gap-free seq, and updates or makes both chat boxes.
   * @throws DuplicateError when the sender used this clientId for another pair.
   */
  appendMessage(input: NewMessage): Promise<AppendResult>;
  /** Messages of the pair above `clearedSeq`, ascending by seq. */
  listMessages(q: {
    chatKey: string;
    clearedSeq: number;
    before?: number | undefined;
    after?: number | undefined;
    limit: number;
  }): Promise<MessagePage>;
  /** Moves the owner's read watermark forward to `seq` (clamped to the newest message). */
  markRead(ownerId: string, chatId: string, seq: number): Promise<ReadResult | null>;

  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
