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
 * chat key and seq; the message keeps that rowid in `search_id`. The append primitive adds the row in the send's
 * own transaction, and recall removes it in the recall's (no triggers, one writer of each). Rowids grow in commit
 * order, so `ORDER BY rowid DESC` is newest first and lets a search stop after `limit` hits without sorting.
 *
 * Step 2 of the messages DDL (see `messages.ts`) creates it and indexes every message stored before it.
 */
export const SEARCH_DDL = `CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, chat_key UNINDEXED, seq UNINDEXED, tokenize = 'trigram case_sensitive 0'
  );
  INSERT INTO messages_fts (rowid, content, chat_key, seq)
    SELECT ROW_NUMBER() OVER (ORDER BY date, chat_key, seq), content, chat_key, seq FROM messages;
  UPDATE messages SET search_id = r.n
    FROM (SELECT chat_key, seq, ROW_NUMBER() OVER (ORDER BY date, chat_key, seq) AS n FROM messages) AS r
    WHERE r.chat_key = messages.chat_key AND r.seq = messages.seq;`;

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
  private readonly add;
  private readonly remove;
  private readonly indexed;
  private readonly short;

  constructor(db: Database.Database) {
    this.add = db.prepare<[string, string, number]>(
      'INSERT INTO messages_fts (content, chat_key, seq) VALUES (?, ?, ?)',
    );
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

  /** Inside the append's transaction: indexes a text message; its `search_id`. */
  index(chatKey: string, seq: number, content: string): number {
    return Number(this.add.run(content, chatKey, seq).lastInsertRowid);
  }

  /** Inside the recall's transaction: the message leaves the index. */
  unindex(searchId: number | null): void {
    if (searchId !== null) this.remove.run(searchId);
  }

  /** See `MessageTable.search`. */
  search(q: MessageSearch): MessageRow[] {
    if (q.scopes.length === 0) return [];
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
