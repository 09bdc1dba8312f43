import type Database from 'better-sqlite3';
import type { MessageSearch } from '../port.ts';
import { HIDDEN_FOR_VIEWER } from './hidden-messages.ts';
import type { MessageRow } from './message-row.ts';

/**
 * The search index of text messages: an FTS5 table with the `trigram` tokenizer (SQLite ≥ 3.34), which matches any
 * substring of three or more characters in any script, Chinese without word breaks included, and with
 * `case_sensitive 0` folds case as FTS5's unicode61 does (Latin, Greek, Cyrillic…).
 *
 * It is not an external-content table: `messages` is WITHOUT ROWID (keyed by chat_key, seq), and FTS5's external
 * content needs an integer rowid to read rows back. So each indexed message has its own row here, holding its text,
 * chat key and seq; the message keeps that rowid in `search_id`. Rowids grow in commit order, so `ORDER BY rowid
 * DESC` is newest first and lets a search stop after `limit` hits without sorting.
 *
 * Indexing is batched, off the send path: FTS5 writes a new segment for every transaction that adds rows, so
 * indexing inside each send's commit added index pages to every fsync of the send path (the send throughput fell by
 * about a third). The append instead adds (chat_key, seq) to `search_queue` in its transaction (one row at the end
 * of a rowid table), and {@link SqliteMessageSearch.indexQueued} moves the queue into the index in one transaction
 * a little later ({@link INDEX_DELAY_MS}), in queue order, so rowids still grow in commit order. A search first
 * indexes whatever is queued, so it never misses an acknowledged message. A crash loses nothing: the queue is
 * stored with the messages, and start-up indexes what is left in it. Recall removes an indexed row in the recall's
 * transaction; a message recalled while queued is skipped by the indexer (it has no text any more).
 *
 * Step 2 of the messages DDL (see `messages.ts`) creates the index and indexes every message stored before it;
 * step 3 creates the queue.
 */
export const SEARCH_DDL = `CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, chat_key UNINDEXED, seq UNINDEXED, tokenize = 'trigram case_sensitive 0'
  );
  INSERT INTO messages_fts (rowid, content, chat_key, seq)
    SELECT ROW_NUMBER() OVER (ORDER BY date, chat_key, seq), content, chat_key, seq FROM messages;
  UPDATE messages SET search_id = r.n
    FROM (SELECT chat_key, seq, ROW_NUMBER() OVER (ORDER BY date, chat_key, seq) AS n FROM messages) AS r
    WHERE r.chat_key = messages.chat_key AND r.seq = messages.seq;`;

/** The queue of text messages waiting for the index: (chat_key, seq), in commit order. */
export const SEARCH_QUEUE_DDL = `CREATE TABLE search_queue (
    id       INTEGER PRIMARY KEY,
    chat_key TEXT NOT NULL,
    seq      INTEGER NOT NULL
  );`;

/**
 * How long after a send the queue is indexed, in milliseconds: each indexing is one transaction, so one fsync
 * (milliseconds on the event loop with synchronous=FULL) for all the text messages of this long.
 */
export const INDEX_DELAY_MS = 200;
/** The most queued messages one indexing transaction takes (the rest follow on the next turn of the event loop). */
const INDEX_BATCH = 2000;

/** Trigram matching needs three characters (code points); shorter queries take the scan below. */
const TRIGRAM = 3;

/**
 * How many of my newest indexed messages a query under three characters looks through: it has no index to use, and
 * a scan of everything costs about 0.35 µs a message (35 ms for 100,000 on the 2-core bench machine).
 */
export const SHORT_SCAN_MAX = 20_000;

/** The hits of both paths: indexed rows (`source`), joined to their messages, newest first, within my chats. */
const HITS = (source: string, where: string) => `
  SELECT m.* FROM ${source} f
  JOIN messages m ON m.chat_key = f.chat_key AND m.seq = f.seq
  WHERE ${where} AND m.recalled = 0 AND NOT ${HIDDEN_FOR_VIEWER}
  ORDER BY f.rowid DESC`;
const MINE = 'chat_key IN (SELECT value FROM json_each(?))';

/** FTS5 query syntax: the text as one phrase (a substring for the trigram tokenizer), quotes doubled. */
const phrase = (text: string) => `"${text.replaceAll('"', '""')}"`;
/** SQLite's lower() folds ASCII letters only; the short path folds the query the same way. */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The index's rows and the two search paths, in SQLite. */
export class SqliteMessageSearch {
  private readonly enqueue;
  private readonly queued;
  private readonly anyQueued;
  private readonly dequeue;
  private readonly add;
  private readonly setSearchId;
  private readonly remove;
  private readonly indexed;
  private readonly short;
  private readonly indexBatch: () => number;
  private timer: NodeJS.Timeout | undefined;

  /** `indexDelayMs`: see {@link INDEX_DELAY_MS}. */
  constructor(
    private readonly db: Database.Database,
    private readonly indexDelayMs = INDEX_DELAY_MS,
  ) {
    this.enqueue = db.prepare<[string, number]>('INSERT INTO search_queue (chat_key, seq) VALUES (?, ?)');
    this.queued = db.prepare<
      [number],
      { id: number; chat_key: string; seq: number; content: string; recalled: number }
    >(
      `SELECT q.id, q.chat_key, q.seq, m.content, m.recalled FROM search_queue q
       JOIN messages m ON m.chat_key = q.chat_key AND m.seq = q.seq
       ORDER BY q.id LIMIT ?`,
    );
    this.anyQueued = db.prepare<[], { id: number }>('SELECT id FROM search_queue LIMIT 1').pluck();
    this.dequeue = db.prepare<[number]>('DELETE FROM search_queue WHERE id <= ?');
    this.add = db.prepare<[string, string, number]>(
      'INSERT INTO messages_fts (content, chat_key, seq) VALUES (?, ?, ?)',
    );
    this.setSearchId = db.prepare<[number, string, number]>(
      'UPDATE messages SET search_id = ? WHERE chat_key = ? AND seq = ?',
    );
    const indexBatch = db.transaction(() => {
      const rows = this.queued.all(INDEX_BATCH);
      for (const r of rows) {
        if (r.recalled === 1) continue;
        const searchId = Number(this.add.run(r.content, r.chat_key, r.seq).lastInsertRowid);
        this.setSearchId.run(searchId, r.chat_key, r.seq);
      }
      if (rows.length > 0) this.dequeue.run(rows.at(-1)!.id);
      return rows.length;
    });
    this.indexBatch = () => indexBatch.immediate();
    this.remove = db.prepare<[number]>('DELETE FROM messages_fts WHERE rowid = ?');
    this.indexed = db.prepare<[string, string, string], MessageRow>(
      HITS('messages_fts', `messages_fts MATCH ? AND f.${MINE}`),
    );
    // Under three characters the trigram index cannot help: a scan of my newest SHORT_SCAN_MAX indexed messages,
    // that stops at `limit` hits (ASCII letters without regard to case, as SQLite's lower()).
    this.short = db.prepare<[string, string, string], MessageRow>(
      HITS(
        `(SELECT rowid, chat_key, seq, content FROM messages_fts WHERE ${MINE} ORDER BY rowid DESC LIMIT ${SHORT_SCAN_MAX})`,
        'instr(lower(f.content), ?) > 0',
      ),
    );
  }

  /** Inside the append's transaction: queues a text message for the index (see the module's comment). */
  queue(chatKey: string, seq: number): void {
    this.enqueue.run(chatKey, seq);
  }

  /** After a commit that queued messages: indexes them {@link INDEX_DELAY_MS} later, unless already planned. */
  scheduleIndexing(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        if (this.db.open && this.indexBatch() === INDEX_BATCH) this.scheduleIndexing();
      } catch {
        // Busy or failing: the queue is kept, and the next send or search indexes it.
        this.scheduleIndexing();
      }
    }, this.indexDelayMs);
    this.timer.unref();
  }

  /** Moves the whole queue into the index now (before a search, and at start-up). */
  indexQueued(): void {
    while (this.anyQueued.get() !== undefined && this.indexBatch() === INDEX_BATCH);
  }

  /** Stops the planned indexing (at close; the queue is kept for the next start). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Inside the recall's transaction: the message leaves the index. */
  unindex(searchId: number | null): void {
    if (searchId !== null) this.remove.run(searchId);
  }

  /** See `MessageTable.search`. */
  search(q: MessageSearch): MessageRow[] {
    if (q.scopes.length === 0) return [];
    this.indexQueued();
    const above = new Map(q.scopes.map((s) => [s.chatKey, s.above]));
    const keys = JSON.stringify(q.scopes.map((s) => s.chatKey));
    const rows =
      [...q.text].length >= TRIGRAM
        ? this.indexed.iterate(phrase(q.text), keys, q.viewerId)
        : this.short.iterate(keys, asciiLower(q.text), q.viewerId);
    const hits: MessageRow[] = [];
    for (const row of rows) {
      if (row.seq <= (above.get(row.chat_key) ?? Infinity)) continue;
      hits.push(row);
      if (hits.length === q.limit) break;
    }
    return hits;
  }
}
