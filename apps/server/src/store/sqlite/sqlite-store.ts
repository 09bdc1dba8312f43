import Database from 'better-sqlite3';
import type { Store } from '../port.ts';
import { guardUnavailable } from '../unavailable.ts';
import { privateFile } from '../../private-files.ts';
import { SqliteBlocks } from './blocks.ts';
import { SqliteChatBoxes } from './chat-boxes.ts';
import { SqliteContactRequests, SqliteContacts } from './contacts.ts';
import { SqliteHiddenMessages } from './hidden-messages.ts';
import { SqliteMessages } from './messages.ts';
import { MIGRATIONS } from './migrations.ts';
import { SqlitePush } from './push.ts';
import { SqliteSessions } from './sessions.ts';
import { isUnavailable } from './sqlite-errors.ts';
import { SqliteUsers } from './users.ts';

export interface SqliteOptions {
  /** FULL (default) survives power loss; NORMAL in WAL mode can lose the last commits on power loss only. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a statement waits for a lock held by another connection before failing (then: 503). */
  busyTimeoutMs?: number;
}

/**
 * The embedded default store: one SQLite file (`<dataDir>/pairchat.db`) in WAL mode, one file per table beside
 * this one. A locked or failing database is a `StoreUnavailableError` for every method (`guardUnavailable`).
 */
export class SqliteStore implements Store {
  readonly name = 'sqlite';
  readonly users: SqliteUsers;
  readonly sessions: SqliteSessions;
  readonly chats: SqliteChatBoxes;
  readonly messages: SqliteMessages;
  readonly hiddenMessages: SqliteHiddenMessages;
  readonly push: SqlitePush;
  readonly contacts: SqliteContacts;
  readonly contactRequests: SqliteContactRequests;
  readonly blocks: SqliteBlocks;
  private readonly db: Database.Database;
  /** The tail of the `exclusive` tasks: they run one after another. */
  private exclusiveTail: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, opts: SqliteOptions = {}) {
    this.db = new Database(privateFile(dataDir, 'pairchat.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 2000}`);
    this.migrate();
    this.users = new SqliteUsers(this.db);
    this.sessions = new SqliteSessions(this.db);
    this.chats = new SqliteChatBoxes(this.db);
    this.messages = new SqliteMessages(this.db, this.chats);
    this.hiddenMessages = new SqliteHiddenMessages(this.db);
    this.push = new SqlitePush(this.db);
    this.contacts = new SqliteContacts(this.db);
    this.contactRequests = new SqliteContactRequests(this.db);
    this.blocks = new SqliteBlocks(this.db);
    return guardUnavailable(this, isUnavailable);
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

  /**
   * One transaction around the task, one task at a time. The task's statements all run before the event loop
   * turns (better-sqlite3 is synchronous), and appends commit on a later turn, so nothing lands in between; the
   * transaction makes the task's writes land together.
   */
  exclusive<T>(_chatKey: string, task: () => Promise<T>): Promise<T> {
    const run = async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await task();
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    };
    const result = this.exclusiveTail.then(run, run);
    this.exclusiveTail = result.catch(() => undefined);
    return result;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.messages.commitQueued();
    if (this.db.open) this.db.close();
  }
}
