import type Database from 'better-sqlite3';
import type { MessageSearch } from '../port.ts';
import { caseVariants, foldCase, indexText, MAX_VARIANTS } from './case-folding.ts';
import { HIDDEN_FOR_VIEWER } from './hidden-messages.ts';
import type { MessageRow } from './message-row.ts';

/**
 * The search index of text messages: an FTS5 table with the `trigram` tokenizer (SQLite ≥ 3.34), which matches any
 * substring of three or more characters in any script, Chinese without word breaks included, and with
 * `case_sensitive 0` folds case as FTS5's unicode61 does (Latin, Greek, Cyrillic…).
 *
 * Made as cheap to write as FTS5 allows (schema version 5; 9 against 18 µs a message measured alone, and the index
 * was the largest single cost of the send path, see BENCHMARKS.md):
 * - `detail=none`: the index records which rows hold a trigram, not where. FTS5 then refuses phrase queries, so a
 *   search asks for rows holding all of the query's trigrams ({@link trigramQuery}) and keeps those whose text
 *   holds the query ({@link foldCase}); the candidates are a superset, so nothing is missed.
 * - contentless (`content=''`, with `contentless_delete=1` so recall can remove a row): the text is read from
 *   `messages`, not stored twice.
 * - the index's rowid is the message's row in `search_log`, assigned by the append in its own transaction (the
 *   message keeps it in `search_id`): the indexer writes nothing back to `messages`. `search_log` (id, chat_key,
 *   seq) maps a hit to its message; it grows by one short row per text message and is never trimmed. Its ids grow
 *   in commit order, so `ORDER BY rowid DESC` is newest first and a search stops after `limit` hits without
 *   sorting.
 *
 * Indexing is batched, off the send path: FTS5 writes a new segment for every transaction that adds rows, so
 * indexing inside each send's commit added index pages to every fsync of the send path. The indexer takes the log
 * past `search_state.indexed_id` into the index in one transaction a little later ({@link INDEX_DELAY_MS}), and
 * moves that mark in the same transaction. A search first indexes whatever is left, so it never misses an
 * acknowledged message. A crash loses nothing: the log is stored with the messages, and start-up indexes what is
 * past the mark. Recall removes an indexed row in the recall's transaction; a message recalled before it was
 * indexed is skipped by the indexer (it has no text any more).
 */

/** Schema versions 2–4's index (a stored-content FTS5 table); version 5 drops it for {@link SEARCH_LOG_DDL}. */
export const SEARCH_DDL = `CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, chat_key UNINDEXED, seq UNINDEXED, tokenize = 'trigram case_sensitive 0'
  );
  INSERT INTO messages_fts (rowid, content, chat_key, seq)
    SELECT ROW_NUMBER() OVER (ORDER BY date, chat_key, seq), content, chat_key, seq FROM messages;
  UPDATE messages SET search_id = r.n
    FROM (SELECT chat_key, seq, ROW_NUMBER() OVER (ORDER BY date, chat_key, seq) AS n FROM messages) AS r
    WHERE r.chat_key = messages.chat_key AND r.seq = messages.seq;`;

/** Schema version 4's queue of text messages waiting for the index; version 5 drops it for `search_log`. */
export const SEARCH_QUEUE_DDL = `CREATE TABLE search_queue (
    id       INTEGER PRIMARY KEY,
    chat_key TEXT NOT NULL,
    seq      INTEGER NOT NULL
  );`;

/**
 * Schema version 5: the log, the contentless `detail=none` index and its mark (see the comment above). Every text
 * message not recalled gets a log row, in (date, chat_key, seq) order; start-up then indexes the whole log.
 */
export const SEARCH_LOG_DDL = `DROP TABLE messages_fts;
  DROP TABLE search_queue;
  CREATE TABLE search_log (
    id       INTEGER PRIMARY KEY,
    chat_key TEXT NOT NULL,
    seq      INTEGER NOT NULL
  );
  UPDATE messages SET search_id = NULL;
  INSERT INTO search_log (chat_key, seq)
    SELECT chat_key, seq FROM messages WHERE kind = 'text' AND recalled = 0 ORDER BY date, chat_key, seq;
  UPDATE messages SET search_id = l.id FROM search_log l WHERE l.chat_key = messages.chat_key AND l.seq = messages.seq;
  CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, content = '', contentless_delete = 1, detail = none, tokenize = 'trigram case_sensitive 0'
  );
  CREATE TABLE search_state (indexed_id INTEGER NOT NULL);
  INSERT INTO search_state (indexed_id) VALUES (0);`;

/**
 * How long after a send the log is indexed, in milliseconds: each indexing is one transaction, so one fsync
 * (milliseconds on the event loop with synchronous=FULL) for all the text messages of this long.
 */
export const INDEX_DELAY_MS = 200;
/** The most log rows one indexing transaction takes (the rest follow on the next turn of the event loop). */
const INDEX_BATCH = 2000;

/** Trigram matching needs three characters (code points); shorter queries take the scan below. */
const TRIGRAM = 3;

/**
 * How many of my newest text messages a query under three characters looks through: it has no index to use. Each
 * row scanned is a log row and a key lookup of its message's text: a query that scans all 20,000 takes about 15 ms on
 * the 2-core bench machine (`pnpm bench --search`, short queries p99 16–18 ms; 11–14 ms when the text was stored in
 * the index too, before schema version 5).
 */
export const SHORT_SCAN_MAX = 20_000;

/**
 * The hits of both paths: log rows (`source`, aliased `l`), joined to their messages, within my chats, newest first
 * (`newest`: the log id, or the index's rowid that equals it, so FTS5 walks its rowids backwards and nothing sorts).
 */
const HITS = (source: string, where: string, newest: string) => `
  SELECT m.* FROM ${source}
  JOIN messages m ON m.chat_key = l.chat_key AND m.seq = l.seq
  WHERE ${where} AND m.recalled = 0 AND NOT ${HIDDEN_FOR_VIEWER}
  ORDER BY ${newest} DESC`;
const MINE = 'l.chat_key IN (SELECT value FROM json_each(?))';

/**
 * The FTS5 query for a text of three or more characters: its distinct trigrams, each a quoted string (quotes
 * doubled), joined with AND. `detail=none` cannot match a phrase, so this finds every row that holds all of them and
 * perhaps a few that hold them apart; {@link foldCase} keeps the true hits. Every trigram, not a covering subset:
 * fewer rows to check (Latin words over 100,000 messages, `pnpm bench --search`: p99 9–12 ms against 15–16 ms with
 * every third). A query has at most `SEARCH_QUERY_MAX` characters, so at most that many terms.
 */
export function trigramQuery(text: string): string {
  const chars = [...indexText(text)];
  const trigrams = new Set<string>();
  for (let i = 0; i + TRIGRAM <= chars.length; i++) trigrams.add(chars.slice(i, i + TRIGRAM).join(''));
  return [...trigrams].map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
}

/** SQLite's lower() folds ASCII letters only; the short path folds the query the same way. */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The log, the index and the two search paths, in SQLite. */
export class SqliteMessageSearch {
  private readonly logRow;
  private readonly pending;
  private readonly anyPending;
  private readonly add;
  private readonly setMark;
  private readonly remove;
  private readonly indexed;
  /** The short path: [0] asks once, folded by lower(); [n] asks for n spellings. */
  private readonly short: Database.Statement<string[], MessageRow>[];
  private readonly indexBatch: () => number;
  /** `search_state.indexed_id`: the log rows up to it are in the index. */
  private mark: number;
  private timer: NodeJS.Timeout | undefined;

  /** `indexDelayMs`: see {@link INDEX_DELAY_MS}. */
  constructor(
    private readonly db: Database.Database,
    private readonly indexDelayMs = INDEX_DELAY_MS,
  ) {
    this.logRow = db.prepare<[string, number]>('INSERT INTO search_log (chat_key, seq) VALUES (?, ?)');
    this.pending = db.prepare<[number, number], { id: number; content: string; recalled: number }>(
      `SELECT l.id, m.content, m.recalled FROM search_log l
       JOIN messages m ON m.chat_key = l.chat_key AND m.seq = l.seq
       WHERE l.id > ? ORDER BY l.id LIMIT ?`,
    );
    this.anyPending = db.prepare<[number], { id: number }>('SELECT id FROM search_log WHERE id > ? LIMIT 1').pluck();
    this.add = db.prepare<[number, string]>('INSERT INTO messages_fts (rowid, content) VALUES (?, ?)');
    this.setMark = db.prepare<[number]>('UPDATE search_state SET indexed_id = ?');
    this.mark = db.prepare<[], number>('SELECT indexed_id FROM search_state').pluck().get()!;
    const indexBatch = db.transaction(() => {
      const rows = this.pending.all(this.mark, INDEX_BATCH);
      for (const r of rows) if (r.recalled === 0) this.add.run(r.id, indexText(r.content));
      if (rows.length > 0) this.setMark.run(rows.at(-1)!.id);
      return rows;
    });
    this.indexBatch = () => {
      const rows = indexBatch.immediate();
      // Moved only once the transaction has committed: a failed batch is taken again.
      if (rows.length > 0) this.mark = rows.at(-1)!.id;
      return rows.length;
    };
    this.remove = db.prepare<[number]>('DELETE FROM messages_fts WHERE rowid = ?');
    this.indexed = db.prepare<[string, string, string], MessageRow>(
      HITS('messages_fts f JOIN search_log l ON l.id = f.rowid', `messages_fts MATCH ? AND ${MINE}`, 'f.rowid'),
    );
    // Under three characters the trigram index cannot help: a scan of my newest SHORT_SCAN_MAX text messages that
    // stops at `limit` hits: ASCII letters without regard to case with SQLite's lower(), other letters by asking
    // for each of the query's spellings (case-folding.ts); index n asks for n of them.
    const scan = `(SELECT l.id, l.chat_key, l.seq FROM search_log l WHERE ${MINE} ORDER BY l.id DESC LIMIT ${SHORT_SCAN_MAX}) l`;
    this.short = [db.prepare<string[], MessageRow>(HITS(scan, 'instr(lower(m.content), ?) > 0', 'l.id'))];
    for (let n = 1; n <= MAX_VARIANTS; n++) {
      const anyOf = Array<string>(n).fill('instr(m.content, ?) > 0').join(' OR ');
      this.short.push(db.prepare<string[], MessageRow>(HITS(scan, `(${anyOf})`, 'l.id')));
    }
  }

  /** Inside the append's transaction: logs a text message for the index; returns its `search_id`. */
  log(chatKey: string, seq: number): number {
    return Number(this.logRow.run(chatKey, seq).lastInsertRowid);
  }

  /** After a commit that logged messages: indexes them {@link INDEX_DELAY_MS} later, unless already planned. */
  scheduleIndexing(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        if (this.db.open && this.indexBatch() === INDEX_BATCH) this.scheduleIndexing();
      } catch {
        // Busy or failing: the log is kept, and the next send or search indexes it.
        this.scheduleIndexing();
      }
    }, this.indexDelayMs);
    this.timer.unref();
  }

  /** Indexes the whole log past the mark now (before a search, and at start-up). */
  indexPending(): void {
    while (this.anyPending.get(this.mark) !== undefined && this.indexBatch() === INDEX_BATCH);
  }

  /** Stops the planned indexing (at close; what is left is indexed at the next start). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Inside the recall's transaction: the message leaves the index (one not yet indexed never enters it). */
  unindex(searchId: number | null): void {
    if (searchId !== null && searchId <= this.mark) this.remove.run(searchId);
  }

  /** See `MessageTable.search`. */
  search(q: MessageSearch): MessageRow[] {
    if (q.scopes.length === 0) return [];
    this.indexPending();
    const above = new Map(q.scopes.map((s) => [s.chatKey, s.above]));
    const keys = JSON.stringify(q.scopes.map((s) => s.chatKey));
    const indexed = [...q.text].length >= TRIGRAM;
    const needle = foldCase(q.text);
    const variants = indexed ? null : caseVariants(q.text);
    const rows = indexed
      ? this.indexed.iterate(trigramQuery(q.text), keys, q.viewerId)
      : variants
        ? this.short[variants.length]!.iterate(keys, ...variants, q.viewerId)
        : this.short[0]!.iterate(keys, asciiLower(q.text), q.viewerId);
    const hits: MessageRow[] = [];
    for (const row of rows) {
      if (row.seq <= (above.get(row.chat_key) ?? Infinity)) continue;
      if (indexed && !foldCase(row.content).includes(needle)) continue;
      hits.push(row);
      if (hits.length === q.limit) break;
    }
    return hits;
  }
}
