import Database from 'better-sqlite3';
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
import { privateFile } from '../../private-files.ts';
import { MIGRATIONS } from './migrations.ts';

interface MessageRow {
  chat_key: string;
  seq: number;
  id: string;
  from_id: string;
  to_id: string;
  from_name: string;
  content: string;
  date: string;
  client_id: string;
}

interface BoxRow {
  id: string;
  owner_id: string;
  peer_id: string;
  peer_name: string;
  chat_key: string;
  unread: number;
  cleared_seq: number;
  read_seq: number;
  peer_read_seq: number;
  updated_at: string;
  m_seq: number | null;
  m_id: string | null;
  m_from: string | null;
  m_to: string | null;
  m_name: string | null;
  m_content: string | null;
  m_date: string | null;
  m_client_id: string | null;
}

const BOX_SELECT = `
  SELECT b.id, b.owner_id, b.peer_id, u.name AS peer_name, b.chat_key, b.unread, b.cleared_seq, b.read_seq,
         b.peer_read_seq, b.updated_at,
         m.seq AS m_seq, m.id AS m_id, m.from_id AS m_from, m.to_id AS m_to, m.from_name AS m_name,
         m.content AS m_content, m.date AS m_date, m.client_id AS m_client_id
  FROM chat_boxes b
  JOIN users u ON u.id = b.peer_id
  LEFT JOIN pairs p ON p.chat_key = b.chat_key
  LEFT JOIN messages m ON m.chat_key = b.chat_key AND m.seq = p.last_seq AND p.last_seq > b.cleared_seq`;

/** A box's own columns, as an upsert returns them. */
interface BoxState {
  id: string;
  unread: number;
  cleared_seq: number;
  read_seq: number;
  peer_read_seq: number;
  updated_at: string;
}
const BOX_STATE = 'id, unread, cleared_seq, read_seq, peer_read_seq, updated_at';

/** The box right after a new message: the message is its newest, and the peer is known, so no join is needed. */
function boxAfterSend(state: BoxState, ownerId: string, peer: User, message: Message): ChatBox {
  return {
    id: state.id,
    ownerId,
    peer: { id: peer.id, name: peer.name },
    chatKey: message.chatKey,
    unread: state.unread,
    clearedSeq: state.cleared_seq,
    readSeq: state.read_seq,
    peerReadSeq: state.peer_read_seq,
    updatedAt: state.updated_at,
    lastMessage: message,
  };
}

function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    seq: r.seq,
    chatKey: r.chat_key,
    from: r.from_id,
    to: r.to_id,
    name: r.from_name,
    content: r.content,
    date: r.date,
    clientId: r.client_id,
  };
}

function toBox(r: BoxRow): ChatBox {
  const lastMessage: Message | null =
    r.m_id === null
      ? null
      : {
          id: r.m_id,
          seq: r.m_seq!,
          chatKey: r.chat_key,
          from: r.m_from!,
          to: r.m_to!,
          name: r.m_name!,
          content: r.m_content!,
          date: r.m_date!,
          clientId: r.m_client_id!,
        };
  return {
    id: r.id,
    ownerId: r.owner_id,
    peer: { id: r.peer_id, name: r.peer_name },
    chatKey: r.chat_key,
    unread: r.unread,
    clearedSeq: r.cleared_seq,
    readSeq: r.read_seq,
    peerReadSeq: r.peer_read_seq,
    updatedAt: r.updated_at,
    lastMessage,
  };
}

/** Errors that mean "the database cannot be used right now" (locked, disk full or failing): 503, try again. */
function isUnavailable(err: unknown): boolean {
  return err instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/.test(err.code);
}

function unavailableOr(err: unknown): unknown {
  return isUnavailable(err) ? new StoreUnavailableError((err as Error).message) : err;
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Database.SqliteError && err.code.startsWith('SQLITE_CONSTRAINT');
}

const GUARDED = [
  'createUser',
  'findUserByNameKey',
  'getUser',
  'searchUsers',
  'createSession',
  'getSession',
  'deleteSession',
  'purgeExpiredSessions',
  'openChat',
  'getChat',
  'listChats',
  'hideChat',
  'chatOwnersWithPeer',
  'listMessages',
  'markRead',
  'ping',
] as const satisfies readonly (keyof Store)[];

/**
 * The embedded default store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so each operation
 * is one uninterrupted transaction on the event loop; a send's seq allocation, message insert and both chat
 * boxes commit together or not at all.
 */
export class SqliteStore implements Store {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmts;
  /** Sends waiting for the next group commit. */
  private queue: { m: NewMessage; resolve: (r: AppendResult) => void; reject: (e: unknown) => void }[] = [];
  private readonly appendOneTx: (m: NewMessage) => AppendResult;

  constructor(dataDir: string, opts: { synchronous?: 'FULL' | 'NORMAL'; busyTimeoutMs?: number } = {}) {
    this.db = new Database(privateFile(dataDir, 'pairchat.db'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode can lose the last commits on power loss, not on a process crash; FULL survives both.
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 2000}`);
    this.migrate();
    this.stmts = this.prepare();
    // Called inside the group's transaction, this is a savepoint: one send that fails rolls back alone.
    this.appendOneTx = this.db.transaction((m: NewMessage) => this.appendOne(m));
    // A locked or failing database is a 503 for the caller, not an internal error.
    for (const name of GUARDED) {
      const method = this[name].bind(this) as (...args: unknown[]) => Promise<unknown>;
      (this as Record<string, unknown>)[name] = (...args: unknown[]) =>
        method(...args).catch((err: unknown) => {
          throw unavailableOr(err);
        });
    }
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  private prepare() {
    const db = this.db;
    return {
      insertUser: db.prepare(
        'INSERT INTO users (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      userByKey: db.prepare<
        [string],
        { id: string; name: string; name_key: string; password_hash: string; created_at: string }
      >('SELECT id, name, name_key, password_hash, created_at FROM users WHERE name_key = ?'),
      userById: db.prepare<[string], User>('SELECT id, name FROM users WHERE id = ?'),
      searchUsers: db.prepare<[string, string, string, number], User>(
        `SELECT id, name FROM users WHERE id != ? AND name_key >= ? AND name_key < ? ORDER BY name_key LIMIT ?`,
      ),
      insertSession: db.prepare(
        'INSERT INTO sessions (token_hash, id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      sessionByHash: db.prepare<
        [string, string],
        { token_hash: string; id: string; user_id: string; created_at: string; expires_at: string }
      >('SELECT token_hash, id, user_id, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteExpiredSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      boxById: db.prepare<[string, string], BoxRow>(`${BOX_SELECT} WHERE b.id = ? AND b.owner_id = ? AND b.hidden = 0`),
      boxByPeer: db.prepare<[string, string], BoxRow>(`${BOX_SELECT} WHERE b.owner_id = ? AND b.peer_id = ?`),
      boxList: db.prepare<[string], BoxRow>(
        `${BOX_SELECT} WHERE b.owner_id = ? AND b.hidden = 0 ORDER BY b.updated_at DESC, b.id DESC`,
      ),
      rawBox: db.prepare<[string, string], { id: string; hidden: number }>(
        'SELECT id, hidden FROM chat_boxes WHERE owner_id = ? AND peer_id = ?',
      ),
      insertBox: db.prepare(
        `INSERT INTO chat_boxes (id, owner_id, peer_id, chat_key, updated_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      reviveBox: db.prepare('UPDATE chat_boxes SET hidden = 0, updated_at = ? WHERE id = ?'),
      hideBox: db.prepare(
        `UPDATE chat_boxes
            SET hidden = 1, unread = 0,
                cleared_seq = COALESCE((SELECT last_seq FROM pairs WHERE pairs.chat_key = chat_boxes.chat_key), 0)
          WHERE id = ? AND owner_id = ? AND hidden = 0`,
      ),
      ownersWithPeer: db.prepare<[string], { owner_id: string }>('SELECT owner_id FROM chat_boxes WHERE peer_id = ?'),
      messageByClientId: db.prepare<[string, string], MessageRow>(
        'SELECT * FROM messages WHERE from_id = ? AND client_id = ?',
      ),
      nextSeq: db.prepare<[string], { last_seq: number }>(
        `INSERT INTO pairs (chat_key, last_seq) VALUES (?, 1)
         ON CONFLICT (chat_key) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
      ),
      lastSeq: db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM pairs WHERE chat_key = ?'),
      insertMessage: db.prepare(
        `INSERT INTO messages (chat_key, seq, id, from_id, to_id, from_name, content, date, client_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertSenderBox: db.prepare<[string, string, string, string, string], BoxState>(
        `INSERT INTO chat_boxes (id, owner_id, peer_id, chat_key, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (owner_id, peer_id) DO UPDATE SET hidden = 0, updated_at = excluded.updated_at
         RETURNING ${BOX_STATE}`,
      ),
      upsertRecipientBox: db.prepare<[string, string, string, string, string], BoxState>(
        `INSERT INTO chat_boxes (id, owner_id, peer_id, chat_key, updated_at, unread) VALUES (?, ?, ?, ?, ?, 1)
         ON CONFLICT (owner_id, peer_id) DO UPDATE
           SET hidden = 0, updated_at = excluded.updated_at, unread = chat_boxes.unread + 1
         RETURNING ${BOX_STATE}`,
      ),
      pageAfter: db.prepare<[string, number, number, number], MessageRow>(
        'SELECT * FROM messages WHERE chat_key = ? AND seq > ? AND seq < ? ORDER BY seq ASC LIMIT ?',
      ),
      pageBefore: db.prepare<[string, number, number, number], MessageRow>(
        'SELECT * FROM messages WHERE chat_key = ? AND seq > ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      countUnread: db.prepare<[string, number, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM messages WHERE chat_key = ? AND seq > ? AND from_id = ?',
      ),
      setRead: db.prepare('UPDATE chat_boxes SET read_seq = ?, unread = ? WHERE id = ?'),
      setPeerRead: db.prepare(
        'UPDATE chat_boxes SET peer_read_seq = MAX(peer_read_seq, ?) WHERE owner_id = ? AND peer_id = ?',
      ),
    };
  }

  async createUser(u: UserRecord): Promise<void> {
    try {
      this.stmts.insertUser.run(u.id, u.name, u.nameKey, u.passwordHash, u.createdAt);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError('name taken');
      throw err;
    }
  }

  async findUserByNameKey(nameKey: string): Promise<UserRecord | null> {
    const r = this.stmts.userByKey.get(nameKey);
    return r
      ? { id: r.id, name: r.name, nameKey: r.name_key, passwordHash: r.password_hash, createdAt: r.created_at }
      : null;
  }

  async getUser(id: string): Promise<User | null> {
    return this.stmts.userById.get(id) ?? null;
  }

  async searchUsers(excludeId: string, prefixKey: string, limit: number): Promise<User[]> {
    return this.stmts.searchUsers.all(excludeId, prefixKey, `${prefixKey}\u{10FFFF}`, limit);
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.stmts.insertSession.run(s.tokenHash, s.id, s.userId, s.createdAt, s.expiresAt);
  }

  async getSession(tokenHash: string, now: string): Promise<SessionRecord | null> {
    const r = this.stmts.sessionByHash.get(tokenHash, now);
    if (!r) return null;
    return { tokenHash: r.token_hash, id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.stmts.deleteSession.run(tokenHash);
  }

  /** SQLite has no TTL index: the server calls this now and then. */
  async purgeExpiredSessions(now: string): Promise<number> {
    return this.stmts.deleteExpiredSessions.run(now).changes;
  }

  async openChat(ownerId: string, peer: User, newId: string, now: string) {
    return this.db.transaction(() => {
      const existing = this.stmts.rawBox.get(ownerId, peer.id);
      let created = true;
      if (!existing) this.stmts.insertBox.run(newId, ownerId, peer.id, pairKey(ownerId, peer.id), now);
      else if (existing.hidden) this.stmts.reviveBox.run(now, existing.id);
      else created = false;
      return { chat: toBox(this.stmts.boxByPeer.get(ownerId, peer.id)!), created };
    })();
  }

  async getChat(ownerId: string, chatId: string): Promise<ChatBox | null> {
    const r = this.stmts.boxById.get(chatId, ownerId);
    return r ? toBox(r) : null;
  }

  async listChats(ownerId: string): Promise<ChatBox[]> {
    return this.stmts.boxList.all(ownerId).map(toBox);
  }

  async hideChat(ownerId: string, chatId: string): Promise<boolean> {
    return this.stmts.hideBox.run(chatId, ownerId).changes === 1;
  }

  async chatOwnersWithPeer(peerId: string): Promise<string[]> {
    return this.stmts.ownersWithPeer.all(peerId).map((r) => r.owner_id);
  }

  /**
   * Group commit: the sends that arrive in one turn of the event loop are written in one transaction, so they share
   * one fsync (synchronous=FULL) instead of paying one each. Each send is acknowledged only after the commit that
   * holds it, and each runs in its own savepoint, so one that fails does not undo the others.
   */
  appendMessage(m: NewMessage): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ m, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  private commitQueued(): void {
    const items = this.queue;
    this.queue = [];
    const outcomes: ({ ok: true; value: AppendResult } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const item of items) {
          try {
            outcomes.push({ ok: true, value: this.appendOneTx(item.m) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      // The commit itself failed: nothing of this group is stored, and nothing is acknowledged.
      for (const item of items) item.reject(unavailableOr(error));
      return;
    }
    items.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(unavailableOr(outcome.error));
    });
  }

  private appendOne(m: NewMessage): AppendResult {
    const chatKey = pairKey(m.from.id, m.to.id);
    const prior = this.stmts.messageByClientId.get(m.from.id, m.clientId);
    if (prior) {
      if (prior.chat_key !== chatKey) throw new DuplicateError('clientId already used for another chat');
      return {
        message: toMessage(prior),
        created: false,
        senderChat: toBox(this.stmts.boxByPeer.get(m.from.id, m.to.id)!),
        recipientChat: toBox(this.stmts.boxByPeer.get(m.to.id, m.from.id)!),
      };
    }
    const seq = this.stmts.nextSeq.get(chatKey)!.last_seq;
    this.stmts.insertMessage.run(chatKey, seq, m.id, m.from.id, m.to.id, m.from.name, m.content, m.date, m.clientId);
    const message = toMessage({
      chat_key: chatKey,
      seq,
      id: m.id,
      from_id: m.from.id,
      to_id: m.to.id,
      from_name: m.from.name,
      content: m.content,
      date: m.date,
      client_id: m.clientId,
    });
    const sender = this.stmts.upsertSenderBox.get(m.newChatIds.sender, m.from.id, m.to.id, chatKey, m.date)!;
    const recipient = this.stmts.upsertRecipientBox.get(m.newChatIds.recipient, m.to.id, m.from.id, chatKey, m.date)!;
    return {
      message,
      created: true,
      senderChat: boxAfterSend(sender, m.from.id, m.to, message),
      recipientChat: boxAfterSend(recipient, m.to.id, m.from, message),
    };
  }

  async listMessages(q: {
    chatKey: string;
    clearedSeq: number;
    before?: number | undefined;
    after?: number | undefined;
    limit: number;
  }): Promise<MessagePage> {
    const upper = q.before ?? Number.MAX_SAFE_INTEGER;
    if (q.after !== undefined) {
      const rows = this.stmts.pageAfter.all(q.chatKey, Math.max(q.after, q.clearedSeq), upper, q.limit + 1);
      const hasMore = rows.length > q.limit;
      return { messages: rows.slice(0, q.limit).map(toMessage), hasMore };
    }
    const rows = this.stmts.pageBefore.all(q.chatKey, q.clearedSeq, upper, q.limit + 1);
    const hasMore = rows.length > q.limit;
    return { messages: rows.slice(0, q.limit).reverse().map(toMessage), hasMore };
  }

  async markRead(ownerId: string, chatId: string, seq: number): Promise<ReadResult | null> {
    return this.db.transaction((): ReadResult | null => {
      const box = this.stmts.boxById.get(chatId, ownerId);
      if (!box) return null;
      const last = this.stmts.lastSeq.get(box.chat_key)?.last_seq ?? 0;
      const readSeq = Math.max(box.read_seq, Math.min(seq, last));
      const advanced = readSeq > box.read_seq;
      const peerBox = this.stmts.rawBox.get(box.peer_id, ownerId);
      if (advanced) {
        const unread = this.stmts.countUnread.get(box.chat_key, Math.max(readSeq, box.cleared_seq), box.peer_id)!.n;
        this.stmts.setRead.run(readSeq, unread, box.id);
        this.stmts.setPeerRead.run(readSeq, box.peer_id, ownerId);
      }
      return {
        chat: toBox(this.stmts.boxById.get(chatId, ownerId)!),
        advanced,
        peerChatId: peerBox && !peerBox.hidden ? peerBox.id : null,
      };
    })();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.queue.length > 0) this.commitQueued();
    if (this.db.open) this.db.close();
  }
}
