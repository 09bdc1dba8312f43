import type Database from 'better-sqlite3';
import { pairKey } from '@pairchat/schema';
import type { AppendResult, MessagePage, MessageQuery, MessageTable, NewMessage } from '../port.ts';
import { DuplicateError } from '../unavailable.ts';
import type { SqliteChatBoxes } from './chat-boxes.ts';
import { toMessage, type MessageRow } from './message-row.ts';

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
];

type Outcome = { ok: true; value: AppendResult } | { ok: false; error: unknown };

/**
 * Messages, in SQLite. better-sqlite3 is synchronous, so each append is one uninterrupted transaction on the event
 * loop: the seq allocation, the message and both chat boxes commit together or not at all.
 */
export class SqliteMessages implements MessageTable {
  /** Sends waiting for the next group commit. */
  private queue: { m: NewMessage; resolve: (r: AppendResult) => void; reject: (e: unknown) => void }[] = [];
  private readonly appendOneTx: (m: NewMessage) => AppendResult;
  private readonly byClientId;
  private readonly nextSeq;
  private readonly lastSeq;
  private readonly insert;
  private readonly pageAfter;
  private readonly pageBefore;
  private readonly count;

  constructor(
    private readonly db: Database.Database,
    private readonly boxes: SqliteChatBoxes,
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
      `INSERT INTO messages (chat_key, seq, id, from_id, to_id, from_name, content, date, client_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.pageAfter = db.prepare<[string, number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE chat_key = ? AND seq > ? AND seq < ? ORDER BY seq ASC LIMIT ?',
    );
    this.pageBefore = db.prepare<[string, number, number, number], MessageRow>(
      'SELECT * FROM messages WHERE chat_key = ? AND seq > ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    );
    this.count = db.prepare<[string, number, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM messages WHERE chat_key = ? AND seq > ? AND from_id = ?',
    );
    // Called inside the group's transaction, this is a savepoint: one send that fails rolls back alone.
    this.appendOneTx = db.transaction((m: NewMessage) => this.appendOne(m));
  }

  /**
   * Group commit: the sends that arrive in one turn of the event loop are written in one transaction, so they share
   * one fsync (synchronous=FULL) instead of paying one each. Each send is acknowledged only after the commit that
   * holds it, and each runs in its own savepoint, so one that fails does not undo the others. A send is queued
   * before this returns, so sends are stored in the order they were asked for.
   */
  append(m: NewMessage): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ m, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  /** Commits whatever is queued now (at close, so nothing asked for is dropped). */
  commitQueued(): void {
    const items = this.queue;
    if (items.length === 0) return;
    this.queue = [];
    const outcomes: Outcome[] = [];
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
      for (const item of items) item.reject(error);
      return;
    }
    items.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

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
    this.insert.run(chatKey, seq, m.id, m.from.id, m.to.id, m.from.name, m.content, m.date, m.clientId);
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
    return { message, created: true, ...this.boxes.afterMessageNow(message, m.from, m.to, m.newChatIds) };
  }

  async list(q: MessageQuery): Promise<MessagePage> {
    const upper = q.before ?? Number.MAX_SAFE_INTEGER;
    if (q.after !== undefined) {
      const rows = this.pageAfter.all(q.chatKey, Math.max(q.after, q.above), upper, q.limit + 1);
      return { messages: rows.slice(0, q.limit).map(toMessage), hasMore: rows.length > q.limit };
    }
    const rows = this.pageBefore.all(q.chatKey, q.above, upper, q.limit + 1);
    return { messages: rows.slice(0, q.limit).reverse().map(toMessage), hasMore: rows.length > q.limit };
  }

  async newestSeq(chatKey: string): Promise<number> {
    return this.lastSeq.get(chatKey)?.last_seq ?? 0;
  }

  async countFrom(chatKey: string, fromId: string, aboveSeq: number): Promise<number> {
    return this.count.get(chatKey, aboveSeq, fromId)!.n;
  }
}
