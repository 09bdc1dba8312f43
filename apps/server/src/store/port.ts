import type { Media, Message, MessageKind, ReplyTo, User } from '@pairchat/schema';

/**
 * The storage port: thin primitives, one table per collection. Adapters (`sqlite/`, `mongo/`) only store and
 * fetch; the rules of a conversation (unread, "delete for me", a box's last visible message, how a deleted box
 * comes back) live once in `chat/rules.ts` and `chat/conversations.ts` above this port. The one write an adapter
 * must make atomic is `messages.append`, whose guarantees are stated on it below.
 *
 * Errors: a unique-key clash is a `DuplicateError`; a database that cannot be reached is a
 * `StoreUnavailableError` (see `unavailable.ts`: one wrapper maps it for every method of every table).
 * Adding a collection (contacts, blocks): its record types and table interface in `tables/<name>.ts`, re-exported
 * here and named in `Store`; one file per adapter.
 */
export { DuplicateError, StoreUnavailableError } from './unavailable.ts';
export type * from './tables/blocks.ts';
export type * from './tables/contacts.ts';
export type * from './tables/push.ts';
import type { BlockTable } from './tables/blocks.ts';
import type { ContactRequestTable, ContactTable } from './tables/contacts.ts';
export type * from './tables/users.ts';
export type * from './tables/sessions.ts';
export { NameTakenError, toUser } from './tables/users.ts';
import type { PushTable } from './tables/push.ts';
import type { SessionTable } from './tables/sessions.ts';
import type { UserTable } from './tables/users.ts';

/** One person's chat box with one peer, as stored: watermarks only, no rule applied yet. */
export interface BoxRecord {
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
  /** Deleted by its owner and not brought back yet. */
  hidden: boolean;
  /** Pinned to the top of the owner's list. */
  pinned: boolean;
  /** Muted by its owner: counts its unread, raises no notification. */
  muted: boolean;
  updatedAt: string;
  /**
   * The pair's newest message as the adapter knows it for this box (recalled or not); whether the owner sees it
   * (cleared, deleted for them) is a rule's call.
   */
  latest: Message | null;
}

/** Fields of a box the rules may set (`chats.update`). */
export type BoxChange = Partial<
  Pick<BoxRecord, 'hidden' | 'updatedAt' | 'unread' | 'clearedSeq' | 'readSeq' | 'pinned' | 'muted'>
>;

export interface NewMessage {
  id: string;
  from: User;
  to: User;
  clientId: string;
  kind: MessageKind;
  /** The text of a text message, `""` for media. */
  content: string;
  media: Media | null;
  /** What it quotes; its `preview` is stored as given unless the quoted message is recalled by the commit. */
  replyTo: ReplyTo | null;
  date: string;
  /** Id for whichever chat box has to be made. */
  newChatIds: { sender: string; recipient: string };
}

export interface AppendResult {
  message: Message;
  /** false when (from, clientId) was already stored for this pair: an idempotent resend. */
  created: boolean;
  senderBox: BoxRecord;
  recipientBox: BoxRecord;
}

export interface MessagePage {
  messages: Message[];
  hasMore: boolean;
}

export interface MessageQuery {
  chatKey: string;
  /** Only messages above this seq (the owner's `clearedSeq`). */
  above: number;
  /** Leaves out the messages this person deleted for themselves (their hidden set, `hiddenMessages`). */
  viewerId?: string | undefined;
  before?: number | undefined;
  after?: number | undefined;
  limit: number;
}

/**
 * What the messages say about one media id (see `MessageTable.mediaUse`). A media message keeps its media id when
 * it is recalled (only its `media` is emptied), so a recall can still be told apart from "never sent".
 */
export interface MediaUse {
  /** Some message that is not recalled carries it. */
  sent: boolean;
  /** Some message that is not recalled, in a pair of the viewer asked about, carries it. */
  visibleToViewer: boolean;
  /** Some message that carried it was recalled. */
  recalled: boolean;
}

/** One chat a search may look in: the pair, and the seq above which its owner sees messages. */
export interface SearchScope {
  chatKey: string;
  above: number;
}

export interface MessageSearch {
  /** The text to find as a substring, already trimmed; Latin letters match without regard to case. */
  text: string;
  scopes: SearchScope[];
  /** Leaves out this person's hidden set. */
  viewerId: string;
  limit: number;
}

export interface ChatBoxTable {
  /** The owner's box with this peer, hidden or not. */
  find(ownerId: string, peerId: string): Promise<BoxRecord | null>;
  /** The owner's box with this id, hidden or not. */
  byId(ownerId: string, chatId: string): Promise<BoxRecord | null>;
  /** The owner's boxes that are not hidden: pinned first, each group by most recent activity (`updatedAt`, id). */
  listVisible(ownerId: string): Promise<BoxRecord[]>;
  /**
   * The owner's boxes that are not hidden, as their id, pair and cleared mark only (no peer, no newest message):
   * what a search over all of a person's chats needs, without the cost of the chat list.
   */
  visibleScopes(ownerId: string): Promise<Pick<BoxRecord, 'id' | 'chatKey' | 'clearedSeq'>[]>;
  /** Inserts a new empty box, or answers the one that exists for (owner, peer) with `inserted: false`. */
  insert(box: { id: string; ownerId: string; peer: User; chatKey: string; now: string }): Promise<{
    box: BoxRecord;
    inserted: boolean;
  }>;
  /** Sets these fields; the box afterwards, or null if there is no such box. */
  update(chatId: string, change: BoxChange): Promise<BoxRecord | null>;
  /** Moves the owner's `peerReadSeq` with this peer up to `seq` (never down). */
  raisePeerReadSeq(ownerId: string, peerId: string, seq: number): Promise<void>;
  /** Owners who have a box (hidden or not) with this peer. */
  ownersWithPeer(peerId: string): Promise<string[]>;
  /**
   * Every box whose peer is this user shows the user as given (a profile change, a deleted account). An adapter
   * that joins the users table for a box's peer has nothing to do; one that keeps a copy updates the copies.
   */
  refreshPeer(peer: User): Promise<void>;
}

export interface MessageTable {
  /**
   * The atomic primitive of a send. Either all of this happens or, on a crash, nothing acknowledged is lost and a
   * retry with the same clientId completes it:
   * - the message is stored once for the pair with the next seq: per pair, seqs start at 1 and have no gaps and
   *   no duplicates, however many senders and processes race (a seq is taken only by a stored message);
   * - both boxes exist and are shown (`hidden` false, `updatedAt` = the message's date, `latest` = the message);
   *   a box that comes back keeps its `clearedSeq`, so the owner sees only what came after their delete;
   * - the recipient's `unread` grows by one (a new box starts at 1), the sender's does not change;
   * - (from, clientId) already stored for this pair: nothing new is stored and the first message is answered with
   *   `created: false` (and both boxes as they are, repaired if a crash interrupted the first attempt).
   * @throws DuplicateError when the sender used this clientId for another pair.
   */
  append(input: NewMessage): Promise<AppendResult>;
  /**
   * Messages of the pair above `above` and inside the cursors, ascending by seq, without the viewer's hidden set.
   * `hasMore`: more beyond the page in the direction it was read (older; for `after`, newer).
   */
  list(q: MessageQuery): Promise<MessagePage>;
  /** One message of the pair, recalled or not, or null. */
  get(chatKey: string, seq: number): Promise<Message | null>;
  /**
   * Recalls a message for everyone, for good: `recalled` true, `content` `""`, `media` null, out of the search
   * index, and every reply in the pair that quotes it keeps an empty `preview`; copies an adapter keeps (a box's
   * newest message) change with it. The message afterwards, or null if the pair has no such seq.
   */
  recall(chatKey: string, seq: number): Promise<Message | null>;
  /**
   * Text messages in the scopes containing `text` (substring, in any script; Latin without regard to case),
   * not recalled, above each scope's seq, not in the viewer's hidden set; newest first (date, then id), at most
   * `limit`.
   */
  search(q: MessageSearch): Promise<Message[]>;
  /**
   * What the pairs' messages say about a media id, found through an index on the media id of every media message:
   * whether one that is not recalled carries it (in any pair, and in a pair of `viewerId`), and whether one that
   * carried it was recalled. Bounded: reads only the messages that carry this id.
   */
  mediaUse(mediaId: string, viewerId?: string): Promise<MediaUse>;
  /** The pair's highest stored seq, 0 when it has none. */
  newestSeq(chatKey: string): Promise<number>;
  /**
   * How many messages of the pair from `fromId` have a seq above `aboveSeq` and are not deleted for `viewerId`
   * (their hidden set): the unread count of the viewer's box, whose badge a message deleted for them no longer
   * counts (WeChat's).
   */
  countFrom(chatKey: string, fromId: string, aboveSeq: number, viewerId: string): Promise<number>;
}

/** Per person: single messages deleted for them only ("delete for me" of one message). The peer keeps them. */
export interface HiddenMessageTable {
  /** Adds (owner, chatKey, seq) to the owner's hidden set; adding it twice is harmless. */
  hide(ownerId: string, chatKey: string, seq: number): Promise<void>;
  /** Which of these seqs of the pair are in the owner's hidden set. */
  among(ownerId: string, chatKey: string, seqs: number[]): Promise<Set<number>>;
}

/** The storage the services need. Adapters speak only these types; no driver type leaks out. */
export interface Store {
  readonly name: string;
  readonly users: UserTable;
  readonly sessions: SessionTable;
  readonly chats: ChatBoxTable;
  readonly messages: MessageTable;
  readonly hiddenMessages: HiddenMessageTable;
  /** Web Push keys and subscriptions. */
  readonly push: PushTable;
  /** Contacts (both sides of each pair, with remarks) and open contact requests. */
  readonly contacts: ContactTable;
  readonly contactRequests: ContactRequestTable;
  /** Who has blocked whom. */
  readonly blocks: BlockTable;
  /**
   * Runs `task` so that no other write to the pair from this process lands in the middle of it (appends wait or
   * commit around it). The rules' read-modify-write steps (read mark, delete, reopen) run inside it.
   */
  exclusive<T>(chatKey: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
