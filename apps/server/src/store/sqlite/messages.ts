import type Database from 'better-sqlite3';
import { pairKey } from '@pairchat/schema';
import type { AppendResult, MessagePage, MessageQuery, MessageSearch, MessageTable, NewMessage } from '../port.ts';
import { DuplicateError } from '../unavailable.ts';
import type { SqliteChatBoxes } from './chat-boxes.ts';
import { HIDDEN_FOR_VIEWER } from './hidden-messages.ts';
import { toMessage, type MessageRow } from './message-row.ts';
import { MESSAGE_MEDIA_DDL, SqliteMediaUse } from './message-media.ts';
import { SEARCH_DDL, SEARCH_LOG_DDL, SEARCH_QUEUE_DDL, SqliteMessageSearch } from './message-search.ts';

/** DDL of the messages table and the per-pair seq counter, by schema version (see `migrations.ts`). */
export const MESSAGES_DDL: readonly string[] = [
  `-- One row per pair: the seq counter.
  CREATE TABLE pairs (
    chat_key TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL
  );

  -- Each message once per pair.
  CREATE TABLE messages (
    chat_key  TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    id        TEXT NOT NULL UNIQUE,
    from_id   TEXT NOT NULL,
    to_id     TEXT NOT NULL,
    from_name TEXT NOT NULL,
    content   TEXT NOT NULL,
    date      TEXT NOT NULL,
    client_id TEXT NOT NULL,
    PRIMARY KEY (chat_key, seq),
    UNIQUE (from_id, client_id)
  ) WITHOUT ROWID;`,
  `-- Kinds, media, replies and recall. media and reply_to hold JSON; reply_seq finds the replies to a message.
  ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'text';
  ALTER TABLE messages ADD COLUMN media TEXT;
  ALTER TABLE messages ADD COLUMN reply_to TEXT;
  ALTER TABLE messages ADD COLUMN reply_seq INTEGER;
  ALTER TABLE messages ADD COLUMN recalled INTEGER NOT NULL DEFAULT 0;
  -- The message's row in messages_fts (text messages that are not recalled), see message-search.ts.
  ALTER TABLE messages ADD COLUMN search_id INTEGER;
  CREATE INDEX messages_replies ON messages(chat_key, reply_seq) WHERE reply_seq IS NOT NULL;
  ${SEARCH_DDL}`,
  MESSAGE_MEDIA_DDL,
  SEARCH_QUEUE_DDL,
  SEARCH_LOG_DDL,
];

type Outcome = { ok: true; value: AppendResult } | { ok: false; error: unknown };

/** A send of a group written without savepoints failed after it may have written: the group is written again. */
class PartlyWritten extends Error {}

/**
 * Messages, in SQLite. better-sqlite3 is synchronous, so each append is one uninterrupted transaction on the event
 * loop: the seq allocation, the message and both chat boxes commit together or not at all.
 */
export class SqliteMessages implements MessageTable {
  /** Sends waiting for the next group commit. */
  private queue: { m: NewMessage; resolve: (r: AppendResult) => void; reject: (e: unknown) => void }[] = [];
  private readonly appendOneTx: (m: NewMessage) => AppendResult;
  /** One transaction for a group of sends (see `commitQueued`). */
  private readonly groupTx: Database.Transaction<
    (items: readonly { m: NewMessage }[], savepoints: boolean) => Outcome[]
  >;
  private readonly byClientId;
  private readonly nextSeq;
  private readonly lastSeq;
  private readonly insert;
  private readonly pages = new Map<string, Database.Statement<unknown[], MessageRow>>();
  private readonly count;
  private readonly one;
  private readonly isRecalled;
  private readonly recallTx: (chatKey: string, seq: number) => MessageRow | undefined;
  private readonly searcher: SqliteMessageSearch;
  private readonly mediaUses: SqliteMediaUse;

  constructor(
    private readonly db: Database.Database,
    private readonly boxes: SqliteChatBoxes,
    searchIndexDelayMs?: number,
  ) {
    this.byClientId = db.prepare<[string, string], MessageRow>(
      'SELECT * FROM messages WHERE from_id = ? AND client_id = ?',
    );
    this.nextSeq = db.prepare<[string], { last_seq: number }>(
      `INSERT INTO pairs (chat_key, last_seq) VALUES (?, 1)
       ON CONFLICT (chat_key) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
    );
    this.lastSeq = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM pairs WHERE chat_key = ?');
    this.insert = db.prepare(
      `INSERT INTO messages (chat_key, seq, id, from_id, to_id, from_name, kind, content, media, reply_to, reply_seq,
         date, client_id, search_id, media_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.one = db.prepare<[string, number], MessageRow>('SELECT * FROM messages WHERE chat_key = ? AND seq = ?');
    this.isRecalled = db.prepare<[string, number], { recalled: number }>(
      'SELECT recalled FROM messages WHERE chat_key = ? AND seq = ?',
    );
    this.searcher = new SqliteMessageSearch(db, searchIndexDelayMs);
    // What a crash left unindexed is indexed at start-up.
    this.searcher.indexPending();
    this.mediaUses = new SqliteMediaUse(db);
    const searchIdOf = db.prepare<[string, number], { search_id: number | null }>(
      'SELECT search_id FROM messages WHERE chat_key = ? AND seq = ?',
    );
    const recall = db.prepare<[string, number], MessageRow>(
      `UPDATE messages SET recalled = 1, content = '', media = NULL, search_id = NULL
       WHERE chat_key = ? AND seq = ? RETURNING *`,
    );
    const blankReplies = db.prepare(
      `UPDATE messages SET reply_to = json_set(reply_to, '$.preview', '') WHERE chat_key = ? AND reply_seq = ?`,
    );
    const recallTx = db.transaction((chatKey: string, seq: number) => {
      const searchId = searchIdOf.get(chatKey, seq)?.search_id ?? null;
      const row = recall.get(chatKey, seq);
      if (!row) return undefined;
      this.searcher.unindex(searchId);
      blankReplies.run(chatKey, seq);
      return row;
    });
    this.recallTx = (chatKey, seq) => recallTx.immediate(chatKey, seq);
    this.count = db.prepare<[string, number, string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM messages m WHERE chat_key = ? AND seq > ? AND from_id = ? AND NOT ${HIDDEN_FOR_VIEWER}`,
    );
    // Called inside the group's transaction, this is a savepoint: one send that fails rolls back alone (the retry
    // of a group in which a send failed part way, see `commitQueued`).
    this.appendOneTx = db.transaction((m: NewMessage) => this.appendOne(m));
    this.groupTx = db.transaction((items: readonly { m: NewMessage }[], savepoints: boolean) =>
      this.writeGroup(items, savepoints),
    );
  }

  /**
   * Group commit: the sends that arrive in one turn of the event loop are written in one transaction, so they share
   * one fsync (synchronous=FULL) instead of paying one each. Each send is acknowledged only after the commit that
   * holds it, and one that fails does not undo the others (see `commitQueued`). A send is queued
   * before this returns, so sends are stored in the order they were asked for.
   */
  append(m: NewMessage): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ m, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  /** At close: commits the queued sends, and leaves what waits for the search index to the next start. */
  close(): void {
    this.commitQueued();
    this.searcher.stop();
  }

  /**
   * Commits whatever is queued now (at close, so nothing asked for is dropped). The group is first written with no
   * savepoints: a savepoint per send cost about a sixth of the send path's throughput (`pnpm bench --quick`, see
   * BENCHMARKS.md). A send refused before it writes anything (`DuplicateError`, see `appendOne`) is simply left
   * out. Any other failure may have written part of its send, so the whole group is rolled back and written again
   * with one savepoint per send, so that the failing send rolls back alone and the others are still stored.
   */
  commitQueued(): void {
    const items = this.queue;
    if (items.length === 0) return;
    this.queue = [];
    let outcomes: Outcome[];
    try {
      // BEGIN IMMEDIATE: the write lock is taken first, so a lock held elsewhere (the admin tool, a backup) is
      // waited for up to busy_timeout; a deferred transaction that reads first gets SQLITE_BUSY at once when it
      // upgrades to a write, without the busy handler (sqlite.org/lang_transaction.html).
      try {
        outcomes = this.groupTx.immediate(items, false);
      } catch (error) {
        if (!(error instanceof PartlyWritten)) throw error;
        outcomes = this.groupTx.immediate(items, true);
      }
    } catch (error) {
      // The commit itself failed: nothing of this group is stored, and nothing is acknowledged.
      for (const item of items) item.reject(error);
      return;
    }
    // Only text is logged for the index: a group of media sends leaves nothing to index.
    if (items.some((item) => item.m.kind === 'text')) this.searcher.scheduleIndexing();
    items.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  /**
   * The group's sends, inside its transaction (`groupTx`). Without `savepoints`, a failure other than a refusal
   * before writing throws PartlyWritten, which rolls the transaction back.
   */
  private writeGroup(items: readonly { m: NewMessage }[], savepoints: boolean): Outcome[] {
    const outcomes: Outcome[] = [];
    for (const item of items) {
      try {
        outcomes.push({ ok: true, value: savepoints ? this.appendOneTx(item.m) : this.appendOne(item.m) });
      } catch (error) {
        if (!savepoints && !(error instanceof DuplicateError)) {
          throw new PartlyWritten('a send failed part way through its writes', { cause: error });
        }
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  /** One send. A DuplicateError is thrown before anything is written (`commitQueued` relies on it). */
  private appendOne(m: NewMessage): AppendResult {
    const chatKey = pairKey(m.from.id, m.to.id);
    const prior = this.byClientId.get(m.from.id, m.clientId);
    if (prior) {
      if (prior.chat_key !== chatKey) throw new DuplicateError('clientId already used for another chat');
      return {
        message: toMessage(prior),
        created: false,
        senderBox: this.boxes.findNow(m.from.id, m.to.id)!,
        recipientBox: this.boxes.findNow(m.to.id, m.from.id)!,
      };
    }
    const seq = this.nextSeq.get(chatKey)!.last_seq;
    // A reply to a message recalled before this commit quotes nothing of it (see NewMessage.replyTo).
    const replyTo =
      m.replyTo && this.isRecalled.get(chatKey, m.replyTo.seq)?.recalled === 1
        ? { ...m.replyTo, preview: '' }
        : m.replyTo;
    const row: MessageRow = {
      chat_key: chatKey,
      seq,
      id: m.id,
      from_id: m.from.id,
      to_id: m.to.id,
      from_name: m.from.name,
      kind: m.kind,
      content: m.content,
      media: m.media === null ? null : JSON.stringify(m.media),
      reply_to: replyTo === null ? null : JSON.stringify(replyTo),
      recalled: 0,
      date: m.date,
      client_id: m.clientId,
    };
    const searchId = m.kind === 'text' ? this.searcher.log(chatKey, seq) : null;
    this.insert.run(
      ...[row.chat_key, seq, row.id, row.from_id, row.to_id, row.from_name, row.kind, row.content, row.media],
      ...[row.reply_to, replyTo?.seq ?? null, row.date, row.client_id, searchId, m.media?.id ?? null],
    );
    const message = toMessage(row);
    return { message, created: true, ...this.boxes.afterMessageNow(message, m.from, m.to, m.newChatIds) };
  }

  async list(q: MessageQuery): Promise<MessagePage> {
    const upper = q.before ?? Number.MAX_SAFE_INTEGER;
    const ascending = q.after !== undefined;
    const lower = Math.max(q.after ?? 0, q.above);
    const args: unknown[] = [q.chatKey, lower, upper];
    if (q.viewerId !== undefined) args.push(q.viewerId);
    const rows = this.page(ascending, q.viewerId !== undefined).all(...args, q.limit + 1);
    const page = rows.slice(0, q.limit).map(toMessage);
    return { messages: ascending ? page : page.reverse(), hasMore: rows.length > q.limit };
  }

  /** The page statement for a direction, with or without the viewer's hidden set left out. */
  private page(ascending: boolean, forViewer: boolean) {
    const key = `${ascending}:${forViewer}`;
    let stmt = this.pages.get(key);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], MessageRow>(
        `SELECT * FROM messages m WHERE chat_key = ? AND seq > ? AND seq < ?${forViewer ? ` AND NOT ${HIDDEN_FOR_VIEWER}` : ''}
         ORDER BY seq ${ascending ? 'ASC' : 'DESC'} LIMIT ?`,
      );
      this.pages.set(key, stmt);
    }
    return stmt;
  }

  async get(chatKey: string, seq: number) {
    const row = this.one.get(chatKey, seq);
    return row ? toMessage(row) : null;
  }

  async recall(chatKey: string, seq: number) {
    const row = this.recallTx(chatKey, seq);
    return row ? toMessage(row) : null;
  }

  async search(q: MessageSearch) {
    return this.searcher.search(q).map(toMessage);
  }

  async mediaUse(mediaId: string, viewerId?: string) {
    return this.mediaUses.of(mediaId, viewerId);
  }

  async newestSeq(chatKey: string): Promise<number> {
    return this.lastSeq.get(chatKey)?.last_seq ?? 0;
  }

  async countFrom(chatKey: string, fromId: string, aboveSeq: number, viewerId: string): Promise<number> {
    return this.count.get(chatKey, aboveSeq, fromId, viewerId)!.n;
  }
}
