import type Database from 'better-sqlite3';
import {
  DuplicateError,
  type ContactRecord,
  type ContactRequestRecord,
  type ContactRequestTable,
  type ContactTable,
} from '../port.ts';
import { isUniqueViolation } from './sqlite-errors.ts';

/**
 * DDL of `contacts` (two rows per pair, one per side, each with its owner's remark) and `contact_requests` (at most
 * one open per ordered pair), by schema version (see `migrations.ts`); both start at version 4.
 */
export const CONTACTS_DDL: readonly string[] = [
  '',
  '',
  '',
  `CREATE TABLE contacts (
    owner_id   TEXT NOT NULL,
    contact_id TEXT NOT NULL,
    remark     TEXT NOT NULL,
    since      TEXT NOT NULL,
    PRIMARY KEY (owner_id, contact_id)
  ) WITHOUT ROWID;
  CREATE INDEX contacts_by_contact ON contacts (contact_id);
  CREATE TABLE contact_requests (
    id      TEXT PRIMARY KEY,
    from_id TEXT NOT NULL,
    to_id   TEXT NOT NULL,
    note    TEXT NOT NULL,
    date    TEXT NOT NULL,
    UNIQUE (from_id, to_id)
  );
  CREATE INDEX contact_requests_to ON contact_requests (to_id, date);`,
];

interface ContactRow {
  owner_id: string;
  contact_id: string;
  remark: string;
  since: string;
}

interface RequestRow {
  id: string;
  from_id: string;
  to_id: string;
  note: string;
  date: string;
}

const toContact = (r: ContactRow): ContactRecord => ({
  ownerId: r.owner_id,
  contactId: r.contact_id,
  remark: r.remark,
  since: r.since,
});

const toRequest = (r: RequestRow): ContactRequestRecord => ({
  id: r.id,
  fromId: r.from_id,
  toId: r.to_id,
  note: r.note,
  date: r.date,
});

/** Contacts in the embedded store's database. */
export class SqliteContacts implements ContactTable {
  private readonly side;

  constructor(private readonly db: Database.Database) {
    // Prepared once: with MESSAGING=contacts it runs on every send, and for the title of every push.
    this.side = db.prepare<[string, string], ContactRow>(
      'SELECT * FROM contacts WHERE owner_id = ? AND contact_id = ?',
    );
  }

  async connect(a: string, b: string, since: string): Promise<void> {
    const insert = this.db.prepare(
      "INSERT INTO contacts (owner_id, contact_id, remark, since) VALUES (?, ?, '', ?) ON CONFLICT DO NOTHING",
    );
    this.db.transaction(() => {
      insert.run(a, b, since);
      insert.run(b, a, since);
    })();
  }

  async disconnect(a: string, b: string): Promise<boolean> {
    const res = this.db
      .prepare('DELETE FROM contacts WHERE (owner_id = ? AND contact_id = ?) OR (owner_id = ? AND contact_id = ?)')
      .run(a, b, b, a);
    return res.changes > 0;
  }

  async get(ownerId: string, contactId: string): Promise<ContactRecord | null> {
    const row = this.side.get(ownerId, contactId);
    return row ? toContact(row) : null;
  }

  async list(ownerId: string): Promise<ContactRecord[]> {
    const rows = this.db
      .prepare<[string], ContactRow>('SELECT * FROM contacts WHERE owner_id = ? ORDER BY since, contact_id')
      .all(ownerId);
    return rows.map(toContact);
  }

  async setRemark(ownerId: string, contactId: string, remark: string): Promise<ContactRecord | null> {
    this.db
      .prepare('UPDATE contacts SET remark = ? WHERE owner_id = ? AND contact_id = ?')
      .run(remark, ownerId, contactId);
    return this.get(ownerId, contactId);
  }

  async forgetUser(userId: string): Promise<void> {
    this.db.prepare('DELETE FROM contacts WHERE owner_id = ? OR contact_id = ?').run(userId, userId);
  }
}

/** Open contact requests in the embedded store's database. */
export class SqliteContactRequests implements ContactRequestTable {
  constructor(private readonly db: Database.Database) {}

  async add(r: ContactRequestRecord): Promise<void> {
    try {
      this.db
        .prepare('INSERT INTO contact_requests (id, from_id, to_id, note, date) VALUES (?, ?, ?, ?, ?)')
        .run(r.id, r.fromId, r.toId, r.note, r.date);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError('a request between them is open already');
      throw err;
    }
  }

  async get(id: string): Promise<ContactRequestRecord | null> {
    const row = this.db.prepare<[string], RequestRow>('SELECT * FROM contact_requests WHERE id = ?').get(id);
    return row ? toRequest(row) : null;
  }

  async between(fromId: string, toId: string): Promise<ContactRequestRecord | null> {
    const row = this.db
      .prepare<[string, string], RequestRow>('SELECT * FROM contact_requests WHERE from_id = ? AND to_id = ?')
      .get(fromId, toId);
    return row ? toRequest(row) : null;
  }

  async delete(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM contact_requests WHERE id = ?').run(id).changes > 0;
  }

  async incoming(userId: string): Promise<ContactRequestRecord[]> {
    return this.db
      .prepare<[string], RequestRow>('SELECT * FROM contact_requests WHERE to_id = ? ORDER BY date DESC, id DESC')
      .all(userId)
      .map(toRequest);
  }

  async outgoing(userId: string): Promise<ContactRequestRecord[]> {
    return this.db
      .prepare<[string], RequestRow>('SELECT * FROM contact_requests WHERE from_id = ? ORDER BY date DESC, id DESC')
      .all(userId)
      .map(toRequest);
  }

  async forgetUser(userId: string): Promise<void> {
    this.db.prepare('DELETE FROM contact_requests WHERE from_id = ? OR to_id = ?').run(userId, userId);
  }
}
