/**
 * Schema versions, applied in order at start-up inside one transaction each; PRAGMA user_version records
 * how far a database has come. Append new steps; never edit a step that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    user_id    TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_expiry ON sessions(expires_at);

  -- One row per pair: the seq counter.
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
  ) WITHOUT ROWID;

  -- Each person's view of a pair.
  CREATE TABLE chat_boxes (
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
  CREATE INDEX chat_boxes_peer ON chat_boxes(peer_id);
  `,
];
