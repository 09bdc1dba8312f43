import type Database from 'better-sqlite3';
import type { Message, User } from '@pairchat/schema';
import { toUser, type BoxChange, type BoxRecord, type ChatBoxTable } from '../port.ts';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from './message-row.ts';

/** DDL of the chat_boxes table (each person's view of a pair), by schema version (see `migrations.ts`). */
export const CHAT_BOXES_DDL: readonly string[] = [
  `CREATE TABLE chat_boxes (
    id            TEXT PRIMARY KEY,
    owner_id      TEXT NOT NULL,
    peer_id       TEXT NOT NULL,
    chat_key      TEXT NOT NULL,
    unread        INTEGER NOT NULL DEFAULT 0,
    cleared_seq   INTEGER NOT NULL DEFAULT 0,
    read_seq      INTEGER NOT NULL DEFAULT 0,
    peer_read_seq INTEGER NOT NULL DEFAULT 0,
    hidden        INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL,
    UNIQUE (owner_id, peer_id)
  );
  CREATE INDEX chat_boxes_list ON chat_boxes(owner_id, hidden, updated_at);
  CREATE INDEX chat_boxes_peer ON chat_boxes(peer_id);`,
  `ALTER TABLE chat_boxes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE chat_boxes ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
  DROP INDEX chat_boxes_list;
  CREATE INDEX chat_boxes_list ON chat_boxes(owner_id, hidden, pinned, updated_at);`,
];

interface BoxRow {
  id: string;
  owner_id: string;
  peer_id: string;
  peer_name: string;
  peer_display_name: string | null;
  peer_avatar: string | null;
  peer_deleted: number;
  chat_key: string;
  unread: number;
  cleared_seq: number;
  read_seq: number;
  peer_read_seq: number;
  hidden: number;
  pinned: number;
  muted: number;
  updated_at: string;
  /** The newest message's columns, prefixed `m_` (all null when the pair has none). */
  [column: `m_${string}`]: unknown;
}

/**
 * A box with its peer (joined: a profile change or a deleted account shows in every box at once) and the pair's
 * newest message (found through the pair's seq counter).
 */
const BOX_SELECT = `
  SELECT b.id, b.owner_id, b.peer_id, u.name AS peer_name, u.display_name AS peer_display_name,
         u.avatar AS peer_avatar, u.deleted_at IS NOT NULL AS peer_deleted, b.chat_key, b.unread, b.cleared_seq, b.read_seq,
         b.peer_read_seq, b.hidden, b.pinned, b.muted, b.updated_at,
         ${MESSAGE_COLUMNS.map((c) => `m.${c} AS m_${c}`).join(', ')}
  FROM chat_boxes b
  JOIN users u ON u.id = b.peer_id
  LEFT JOIN pairs p ON p.chat_key = b.chat_key
  LEFT JOIN messages m ON m.chat_key = b.chat_key AND m.seq = p.last_seq`;

/** A box's own columns, as an upsert returns them. */
type BoxState = Pick<
  BoxRow,
  'id' | 'unread' | 'cleared_seq' | 'read_seq' | 'peer_read_seq' | 'hidden' | 'pinned' | 'muted' | 'updated_at'
>;
const BOX_STATE = 'id, unread, cleared_seq, read_seq, peer_read_seq, hidden, pinned, muted, updated_at';

/** The columns `BoxChange` may set, by field. */
const CHANGE_COLUMNS = {
  hidden: 'hidden',
  updatedAt: 'updated_at',
  unread: 'unread',
  clearedSeq: 'cleared_seq',
  readSeq: 'read_seq',
  pinned: 'pinned',
  muted: 'muted',
} as const satisfies Record<keyof BoxChange, string>;

function toBox(r: BoxRow): BoxRecord {
  const latest: Message | null =
    r.m_id === null
      ? null
      : toMessage(Object.fromEntries(MESSAGE_COLUMNS.map((c) => [c, r[`m_${c}`]])) as unknown as MessageRow);
  const peer = toUser({
    id: r.peer_id,
    name: r.peer_name,
    displayName: r.peer_display_name,
    avatar: r.peer_avatar,
    deleted: r.peer_deleted === 1,
  });
  return boxRecord(r, r.owner_id, peer, r.chat_key, latest);
}

/** A box from its own columns, with what the caller knows of its owner, peer, pair and newest message. */
function boxRecord(state: BoxState, ownerId: string, peer: User, chatKey: string, latest: Message | null): BoxRecord {
  return {
    id: state.id,
    ownerId,
    peer: toUser(peer),
    chatKey,
    unread: state.unread,
    clearedSeq: state.cleared_seq,
    readSeq: state.read_seq,
    peerReadSeq: state.peer_read_seq,
    hidden: state.hidden === 1,
    pinned: state.pinned === 1,
    muted: state.muted === 1,
    updatedAt: state.updated_at,
    latest,
  };
}

/** Chat boxes, in SQLite. The synchronous `*Now` methods are for the append transaction in `messages.ts`. */
export class SqliteChatBoxes implements ChatBoxTable {
  private readonly byIdStmt;
  private readonly anyById;
  private readonly byPeer;
  private readonly list;
  private readonly scopes;
  private readonly insertStmt;
  private readonly peerRead;
  private readonly owners;
  private readonly upsertSender;
  private readonly upsertRecipient;
  private readonly updates = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.byIdStmt = db.prepare<[string, string], BoxRow>(`${BOX_SELECT} WHERE b.id = ? AND b.owner_id = ?`);
    this.anyById = db.prepare<[string], BoxRow>(`${BOX_SELECT} WHERE b.id = ?`);
    this.byPeer = db.prepare<[string, string], BoxRow>(`${BOX_SELECT} WHERE b.owner_id = ? AND b.peer_id = ?`);
    this.list = db.prepare<[string], BoxRow>(
      `${BOX_SELECT} WHERE b.owner_id = ? AND b.hidden = 0 ORDER BY b.pinned DESC, b.updated_at DESC, b.id DESC`,
    );
    this.scopes = db.prepare<[string], { id: string; chat_key: string; cleared_seq: number }>(
      'SELECT id, chat_key, cleared_seq FROM chat_boxes WHERE owner_id = ? AND hidden = 0',
    );
    this.insertStmt = db.prepare(
      `INSERT INTO chat_boxes (id, owner_id, peer_id, chat_key, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (owner_id, peer_id) DO NOTHING`,
    );
    this.peerRead = db.prepare(
      'UPDATE chat_boxes SET peer_read_seq = MAX(peer_read_seq, ?) WHERE owner_id = ? AND peer_id = ?',
    );
    this.owners = db.prepare<[string], { owner_id: string }>('SELECT owner_id FROM chat_boxes WHERE peer_id = ?');
    // A new message (see MessageTable.append): both boxes shown, dated by it; the recipient's unread grows by one.
    this.upsertSender = db.prepare<[string, string, string, string, string], BoxState>(
      `INSERT INTO chat_boxes (id, owner_id, peer_id, chat_key, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (owner_id, peer_id) DO UPDATE SET hidden = 0, updated_at = excluded.updated_at
       RETURNING ${BOX_STATE}`,
    );
    this.upsertRecipient = db.prepare<[string, string, string, string, string], BoxState>(
      `INSERT INTO chat_boxes (id, owner_id, peer_id, chat_key, updated_at, unread) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT (owner_id, peer_id) DO UPDATE
         SET hidden = 0, updated_at = excluded.updated_at, unread = chat_boxes.unread + 1
       RETURNING ${BOX_STATE}`,
    );
  }

  async find(ownerId: string, peerId: string): Promise<BoxRecord | null> {
    return this.findNow(ownerId, peerId);
  }

  findNow(ownerId: string, peerId: string): BoxRecord | null {
    const r = this.byPeer.get(ownerId, peerId);
    return r ? toBox(r) : null;
  }

  async byId(ownerId: string, chatId: string): Promise<BoxRecord | null> {
    const r = this.byIdStmt.get(chatId, ownerId);
    return r ? toBox(r) : null;
  }

  async listVisible(ownerId: string): Promise<BoxRecord[]> {
    return this.list.all(ownerId).map(toBox);
  }

  async visibleScopes(ownerId: string) {
    return this.scopes.all(ownerId).map((r) => ({ id: r.id, chatKey: r.chat_key, clearedSeq: r.cleared_seq }));
  }

  async insert(box: { id: string; ownerId: string; peer: User; chatKey: string; now: string }) {
    const inserted = this.insertStmt.run(box.id, box.ownerId, box.peer.id, box.chatKey, box.now).changes === 1;
    return { box: this.findNow(box.ownerId, box.peer.id)!, inserted };
  }

  async update(chatId: string, change: BoxChange): Promise<BoxRecord | null> {
    const fields = (Object.keys(change) as (keyof BoxChange)[]).filter((k) => change[k] !== undefined).sort();
    if (fields.length > 0) {
      const sql = `UPDATE chat_boxes SET ${fields.map((f) => `${CHANGE_COLUMNS[f]} = ?`).join(', ')} WHERE id = ?`;
      let stmt = this.updates.get(sql);
      if (!stmt) {
        stmt = this.db.prepare(sql);
        this.updates.set(sql, stmt);
      }
      stmt.run(...fields.map((f) => (typeof change[f] === 'boolean' ? Number(change[f]) : change[f])), chatId);
    }
    const r = this.anyById.get(chatId);
    return r ? toBox(r) : null;
  }

  async raisePeerReadSeq(ownerId: string, peerId: string, seq: number): Promise<void> {
    this.peerRead.run(seq, ownerId, peerId);
  }

  async ownersWithPeer(peerId: string): Promise<string[]> {
    return this.owners.all(peerId).map((r) => r.owner_id);
  }

  /** Nothing to do: a box's peer is joined from the users table on every read. */
  refreshPeer(): Promise<void> {
    return Promise.resolve();
  }

  /** Inside the append transaction: both boxes after a new message, which is the newest of the pair. */
  afterMessageNow(message: Message, from: User, to: User, newIds: { sender: string; recipient: string }) {
    const sender = this.upsertSender.get(newIds.sender, from.id, to.id, message.chatKey, message.date)!;
    const recipient = this.upsertRecipient.get(newIds.recipient, to.id, from.id, message.chatKey, message.date)!;
    return {
      senderBox: boxRecord(sender, from.id, to, message.chatKey, message),
      recipientBox: boxRecord(recipient, to.id, from, message.chatKey, message),
    };
  }
}
