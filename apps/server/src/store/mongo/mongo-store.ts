import { MongoClient, MongoServerError, type Collection, type Db, type MongoClientOptions } from 'mongodb';
import { pairKey, type Message, type User } from '@pairchat/schema';
import {
  DuplicateError,
  StoreUnavailableError,
  type AppendResult,
  type ChatBox,
  type MessagePage,
  type NewMessage,
  type ReadResult,
  type SessionRecord,
  type Store,
  type UserRecord,
} from '../port.ts';
import { KeyedMutex } from './keyed-mutex.ts';

interface UserDoc {
  _id: string;
  name: string;
  nameKey: string;
  passwordHash: string;
  createdAt: string;
}
interface SessionDoc {
  _id: string; // token hash
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date; // a Date, for the TTL index
}
/** The per-pair seq counter: the highest seq stored, possibly lagging by the sends a crash interrupted. */
interface PairDoc {
  _id: string; // chat key
  lastSeq: number;
}
interface MessageDoc {
  _id: string;
  chatKey: string;
  seq: number;
  from: string;
  to: string;
  name: string;
  content: string;
  date: string;
  clientId: string;
}
interface BoxDoc {
  _id: string;
  owner: string;
  peer: string;
  peerName: string;
  chatKey: string;
  unread: number;
  clearedSeq: number;
  readSeq: number;
  peerReadSeq: number;
  hidden: boolean;
  updatedAt: string;
  lastMessage: MessageDoc | null;
}

export interface MongoStoreOptions {
  uri: string;
  dbName: string;
  maxPoolSize?: number;
  timeoutMs?: number;
}

const DUPLICATE_KEY = 11000;
const isDuplicate = (err: unknown): err is MongoServerError =>
  err instanceof MongoServerError && err.code === DUPLICATE_KEY;
/** Which unique index a duplicate-key error came from. */
const duplicateOn = (err: MongoServerError, field: string) =>
  JSON.stringify(err.keyPattern ?? err.message).includes(field);

/** Driver errors that mean "the server is not reachable now": the request may succeed later. */
function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return /MongoServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoNotConnectedError|MongoTopologyClosedError|PoolClearedError/.test(
    err.name,
  );
}

function toMessage(d: MessageDoc): Message {
  return {
    id: d._id,
    seq: d.seq,
    chatKey: d.chatKey,
    from: d.from,
    to: d.to,
    name: d.name,
    content: d.content,
    date: d.date,
    clientId: d.clientId,
  };
}

/** Field by field, because a projection cannot be relied on to leave the rest out (the test server ignores them). */
function toBox(d: BoxDoc): ChatBox {
  return {
    id: d._id,
    ownerId: d.owner,
    peer: { id: d.peer, name: d.peerName },
    chatKey: d.chatKey,
    unread: d.unread,
    clearedSeq: d.clearedSeq,
    readSeq: d.readSeq,
    peerReadSeq: d.peerReadSeq,
    updatedAt: d.updatedAt,
    lastMessage: d.lastMessage ? toMessage(d.lastMessage) : null,
  };
}

const MAX_SEQ_ATTEMPTS = 25;

/**
 * The production adapter. Messages live once per pair in their own collection (no arrays that grow inside a
 * document); each person has a chat box per peer with watermarks.
 */
export class MongoStore implements Store {
  readonly name = 'mongodb';
  private readonly users: Collection<UserDoc>;
  private readonly sessions: Collection<SessionDoc>;
  private readonly pairs: Collection<PairDoc>;
  private readonly messages: Collection<MessageDoc>;
  private readonly boxes: Collection<BoxDoc>;
  /** Writes to one pair from this process go one at a time, so they do not race each other for a seq. */
  private readonly pairLock = new KeyedMutex();

  private constructor(
    private readonly client: MongoClient,
    db: Db,
  ) {
    this.users = db.collection('users');
    this.sessions = db.collection('sessions');
    this.pairs = db.collection('pairs');
    this.messages = db.collection('messages');
    this.boxes = db.collection('chat_boxes');
  }

  static async connect(opts: MongoStoreOptions): Promise<MongoStore> {
    const timeout = opts.timeoutMs ?? 5000;
    const clientOptions: MongoClientOptions = {
      maxPoolSize: opts.maxPoolSize ?? 20,
      serverSelectionTimeoutMS: timeout,
      connectTimeoutMS: timeout,
      socketTimeoutMS: timeout * 6,
    };
    const client = new MongoClient(opts.uri, clientOptions);
    await client.connect();
    const store = new MongoStore(client, client.db(opts.dbName));
    await store.ensureIndexes();
    return store;
  }

  /** Every index the adapter relies on, in one place; createIndex is a no-op when an index exists. */
  private async ensureIndexes(): Promise<void> {
    await this.users.createIndex({ nameKey: 1 }, { unique: true, name: 'unique_name_key' });
    await this.sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'session_ttl' });
    await this.messages.createIndex({ chatKey: 1, seq: 1 }, { unique: true, name: 'unique_pair_seq' });
    await this.messages.createIndex({ from: 1, clientId: 1 }, { unique: true, name: 'unique_sender_client_id' });
    await this.boxes.createIndex({ owner: 1, peer: 1 }, { unique: true, name: 'unique_owner_peer' });
    await this.boxes.createIndex({ owner: 1, hidden: 1, updatedAt: -1 }, { name: 'chat_list' });
    await this.boxes.createIndex({ peer: 1 }, { name: 'by_peer' });
  }

  /** Maps driver failures to the port's errors; nothing driver-shaped leaves the adapter. */
  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (isUnavailable(err)) throw new StoreUnavailableError((err as Error).message);
      throw err;
    }
  }

  createUser(u: UserRecord): Promise<void> {
    return this.guard(async () => {
      try {
        await this.users.insertOne({
          _id: u.id,
          name: u.name,
          nameKey: u.nameKey,
          passwordHash: u.passwordHash,
          createdAt: u.createdAt,
        });
      } catch (err) {
        if (isDuplicate(err)) throw new DuplicateError('name taken');
        throw err;
      }
    });
  }

  findUserByNameKey(nameKey: string): Promise<UserRecord | null> {
    return this.guard(async () => {
      const d = await this.users.findOne({ nameKey });
      return d
        ? { id: d._id, name: d.name, nameKey: d.nameKey, passwordHash: d.passwordHash, createdAt: d.createdAt }
        : null;
    });
  }

  getUser(id: string): Promise<User | null> {
    return this.guard(async () => {
      const d = await this.users.findOne({ _id: id });
      return d ? { id: d._id, name: d.name } : null;
    });
  }

  searchUsers(excludeId: string, prefixKey: string, limit: number): Promise<User[]> {
    return this.guard(async () => {
      const docs = await this.users
        .find({ _id: { $ne: excludeId }, nameKey: { $gte: prefixKey, $lt: `${prefixKey}\u{10FFFF}` } })
        .sort({ nameKey: 1 })
        .limit(limit)
        .toArray();
      return docs.map((d) => ({ id: d._id, name: d.name }));
    });
  }

  createSession(s: SessionRecord): Promise<void> {
    return this.guard(async () => {
      await this.sessions.insertOne({
        _id: s.tokenHash,
        id: s.id,
        userId: s.userId,
        createdAt: new Date(s.createdAt),
        expiresAt: new Date(s.expiresAt),
      });
    });
  }

  getSession(tokenHash: string, now: string): Promise<SessionRecord | null> {
    return this.guard(async () => {
      // The TTL monitor removes expired sessions about once a minute; until then the expiry check here decides.
      const d = await this.sessions.findOne({ _id: tokenHash, expiresAt: { $gt: new Date(now) } });
      return d
        ? {
            tokenHash: d._id,
            id: d.id,
            userId: d.userId,
            createdAt: d.createdAt.toISOString(),
            expiresAt: d.expiresAt.toISOString(),
          }
        : null;
    });
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.guard(async () => {
      await this.sessions.deleteOne({ _id: tokenHash });
    });
  }

  purgeExpiredSessions(now: string): Promise<number> {
    return this.guard(
      async () => (await this.sessions.deleteMany({ expiresAt: { $lte: new Date(now) } })).deletedCount,
    );
  }

  openChat(ownerId: string, peer: User, newId: string, now: string): Promise<{ chat: ChatBox; created: boolean }> {
    const chatKey = pairKey(ownerId, peer.id);
    return this.guard(() =>
      this.pairLock.run(chatKey, async () => {
        const existing = await this.boxes.findOne({ owner: ownerId, peer: peer.id });
        if (existing && !existing.hidden) return { chat: toBox(existing), created: false };
        if (existing) {
          const revived = await this.boxes.findOneAndUpdate(
            { _id: existing._id },
            { $set: { hidden: false, updatedAt: now } },
            { returnDocument: 'after' },
          );
          return { chat: toBox(revived!), created: true };
        }
        const { doc, inserted } = await this.insertBox(this.newBox(newId, ownerId, peer, chatKey, now));
        return { chat: toBox(doc), created: inserted };
      }),
    );
  }

  getChat(ownerId: string, chatId: string): Promise<ChatBox | null> {
    return this.guard(async () => {
      const d = await this.boxes.findOne({ _id: chatId, owner: ownerId, hidden: false });
      return d ? toBox(d) : null;
    });
  }

  listChats(ownerId: string): Promise<ChatBox[]> {
    return this.guard(async () => {
      const docs = await this.boxes.find({ owner: ownerId, hidden: false }).sort({ updatedAt: -1, _id: -1 }).toArray();
      return docs.map(toBox);
    });
  }

  hideChat(ownerId: string, chatId: string): Promise<boolean> {
    return this.guard(async () => {
      const box = await this.boxes.findOne({ _id: chatId, owner: ownerId, hidden: false });
      if (!box) return false;
      return this.pairLock.run(box.chatKey, async () => {
        const clearedSeq = await this.maxSeq(box.chatKey);
        const r = await this.boxes.updateOne(
          { _id: chatId, owner: ownerId, hidden: false },
          { $set: { hidden: true, unread: 0, clearedSeq, lastMessage: null } },
        );
        return r.modifiedCount === 1;
      });
    });
  }

  chatOwnersWithPeer(peerId: string): Promise<string[]> {
    return this.guard(async () => {
      const docs = await this.boxes.find({ peer: peerId }).toArray();
      return docs.map((d) => d.owner);
    });
  }

  /**
   * A standalone MongoDB has no multi-document transactions, so a send is a sequence of single-document writes,
   * ordered so that a crash between any two of them loses nothing acknowledged (the ack goes out only after the
   * last write) and leaves nothing that a retry with the same clientId cannot repair:
   *
   * 1. Look up (from, clientId). Found: this is a resend; repair both boxes (step 4) and answer with it.
   * 2. Insert the message with seq = the pair's counter + 1. The unique (chatKey, seq) index makes the insert
   *    itself the seq allocation: a seq is taken only by a stored message, so a crash can never leave a hole
   *    (taking the seq first with $inc and inserting after would leave one forever). A clash means the counter
   *    lags: read the true highest seq and try the next. A clash on (from, clientId) is a concurrent resend.
   * 3. Move the counter up to this seq (only ever up). A crash before it only makes the next send clash once.
   * 4. Upsert both chat boxes: the sender's is shown, the recipient's is shown with unread recounted from the
   *    messages themselves, so running this step twice gives the same result.
   */
  appendMessage(m: NewMessage): Promise<AppendResult> {
    const chatKey = pairKey(m.from.id, m.to.id);
    return this.guard(() =>
      this.pairLock.run(chatKey, async () => {
        const prior = await this.messages.findOne({ from: m.from.id, clientId: m.clientId });
        if (prior) return this.resend(prior, chatKey, m);

        let doc: MessageDoc | null = null;
        let next = ((await this.pairs.findOne({ _id: chatKey }))?.lastSeq ?? 0) + 1;
        for (let attempt = 0; doc === null; attempt++) {
          if (attempt === MAX_SEQ_ATTEMPTS)
            throw new StoreUnavailableError(`no free seq for ${chatKey}: too much contention`);
          const candidate: MessageDoc = {
            _id: m.id,
            chatKey,
            seq: next,
            from: m.from.id,
            to: m.to.id,
            name: m.from.name,
            content: m.content,
            date: m.date,
            clientId: m.clientId,
          };
          try {
            await this.messages.insertOne(candidate);
            doc = candidate;
          } catch (err) {
            if (!isDuplicate(err)) throw err;
            if (duplicateOn(err, 'clientId')) {
              const raced = await this.messages.findOne({ from: m.from.id, clientId: m.clientId });
              if (raced) return this.resend(raced, chatKey, m);
            }
            next = (await this.maxSeq(chatKey)) + 1;
          }
        }
        await this.raiseCounter(chatKey, doc.seq);
        const { senderChat, recipientChat } = await this.updateBoxes(doc, m, { reviveHidden: true });
        return { message: toMessage(doc), created: true, senderChat, recipientChat };
      }),
    );
  }

  private async resend(prior: MessageDoc, chatKey: string, m: NewMessage): Promise<AppendResult> {
    if (prior.chatKey !== chatKey) throw new DuplicateError('clientId already used for another chat');
    // A crash may have come between storing the message and updating the boxes: finish that now.
    await this.raiseCounter(chatKey, prior.seq);
    const { senderChat, recipientChat } = await this.updateBoxes(prior, m, { reviveHidden: false });
    return { message: toMessage(prior), created: false, senderChat, recipientChat };
  }

  private async raiseCounter(chatKey: string, seq: number): Promise<void> {
    try {
      await this.pairs.updateOne({ _id: chatKey, lastSeq: { $lt: seq } }, { $set: { lastSeq: seq } }, { upsert: true });
    } catch (err) {
      // The upsert clashes when the counter exists and is already at or past seq: nothing to do.
      if (!isDuplicate(err)) throw err;
    }
  }

  private async updateBoxes(doc: MessageDoc, m: NewMessage, opts: { reviveHidden: boolean }) {
    const { from, to } = m;
    const chatKey = doc.chatKey;
    const sender = await this.upsertBox(from.id, to, chatKey, m.newChatIds.sender, doc, opts.reviveHidden);
    const recipient = await this.upsertBox(to.id, from, chatKey, m.newChatIds.recipient, doc, opts.reviveHidden);
    const unread = await this.countUnread(recipient);
    const recipientDoc =
      unread === recipient.unread
        ? recipient
        : (await this.boxes.findOneAndUpdate(
            { _id: recipient._id },
            { $set: { unread } },
            { returnDocument: 'after' },
          ))!;
    return { senderChat: toBox(sender), recipientChat: toBox(recipientDoc) };
  }

  /** Makes the box if missing; shows it with this message as the newest, unless it is an older resend. */
  private async upsertBox(
    owner: string,
    peer: User,
    chatKey: string,
    newId: string,
    doc: MessageDoc,
    revive: boolean,
  ): Promise<BoxDoc> {
    const filter = { owner, peer: peer.id };
    const existing = await this.boxes.findOne(filter);
    if (!existing) {
      return (await this.insertBox({ ...this.newBox(newId, owner, peer, chatKey, doc.date), lastMessage: doc })).doc;
    }
    const newer = (existing.lastMessage?.seq ?? 0) < doc.seq && doc.seq > existing.clearedSeq;
    if (!newer || (existing.hidden && !revive)) return existing;
    return (await this.boxes.findOneAndUpdate(
      { _id: existing._id },
      { $set: { hidden: false, updatedAt: doc.date, lastMessage: doc } },
      { returnDocument: 'after' },
    ))!;
  }

  /** Inserts a new box, or finds the one another process made a moment ago (the unique owner+peer index). */
  private async insertBox(box: BoxDoc): Promise<{ doc: BoxDoc; inserted: boolean }> {
    try {
      await this.boxes.insertOne(box);
      return { doc: box, inserted: true };
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      return { doc: (await this.boxes.findOne({ owner: box.owner, peer: box.peer }))!, inserted: false };
    }
  }

  private newBox(id: string, owner: string, peer: User, chatKey: string, now: string): BoxDoc {
    return {
      _id: id,
      owner,
      peer: peer.id,
      peerName: peer.name,
      chatKey,
      unread: 0,
      clearedSeq: 0,
      readSeq: 0,
      peerReadSeq: 0,
      hidden: false,
      updatedAt: now,
      lastMessage: null,
    };
  }

  private countUnread(box: BoxDoc): Promise<number> {
    if (box.hidden) return Promise.resolve(0);
    return this.messages.countDocuments({
      chatKey: box.chatKey,
      from: box.peer,
      seq: { $gt: Math.max(box.readSeq, box.clearedSeq) },
    });
  }

  private async maxSeq(chatKey: string): Promise<number> {
    const [top] = await this.messages.find({ chatKey }).sort({ seq: -1 }).limit(1).toArray();
    return top?.seq ?? 0;
  }

  listMessages(q: {
    chatKey: string;
    clearedSeq: number;
    before?: number | undefined;
    after?: number | undefined;
    limit: number;
  }): Promise<MessagePage> {
    return this.guard(async () => {
      const lower = Math.max(q.after ?? 0, q.clearedSeq);
      const seq = q.before === undefined ? { $gt: lower } : { $gt: lower, $lt: q.before };
      const ascending = q.after !== undefined;
      const docs = await this.messages
        .find({ chatKey: q.chatKey, seq })
        .sort({ seq: ascending ? 1 : -1 })
        .limit(q.limit + 1)
        .toArray();
      const hasMore = docs.length > q.limit;
      const page = docs.slice(0, q.limit).map(toMessage);
      return { messages: ascending ? page : page.reverse(), hasMore };
    });
  }

  markRead(ownerId: string, chatId: string, seq: number): Promise<ReadResult | null> {
    return this.guard(async () => {
      const box = await this.boxes.findOne({ _id: chatId, owner: ownerId, hidden: false });
      if (!box) return null;
      return this.pairLock.run(box.chatKey, async () => {
        const current = (await this.boxes.findOne({ _id: chatId }))!;
        const readSeq = Math.max(current.readSeq, Math.min(seq, await this.maxSeq(box.chatKey)));
        const advanced = readSeq > current.readSeq;
        let updated = current;
        if (advanced) {
          const unread = await this.countUnread({ ...current, readSeq });
          updated = (await this.boxes.findOneAndUpdate(
            { _id: chatId },
            { $set: { readSeq, unread } },
            { returnDocument: 'after' },
          ))!;
          await this.boxes.updateOne(
            { owner: box.peer, peer: ownerId, peerReadSeq: { $lt: readSeq } },
            { $set: { peerReadSeq: readSeq } },
          );
        }
        const peerBox = await this.boxes.findOne({ owner: box.peer, peer: ownerId });
        return { chat: toBox(updated), advanced, peerChatId: peerBox && !peerBox.hidden ? peerBox._id : null };
      });
    });
  }

  ping(): Promise<void> {
    return this.guard(async () => {
      await this.client.db('admin').command({ ping: 1 });
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
