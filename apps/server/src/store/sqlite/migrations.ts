import { BLOCKS_DDL } from './blocks.ts';
import { CHAT_BOXES_DDL } from './chat-boxes.ts';
import { CONTACTS_DDL } from './contacts.ts';
import { HIDDEN_MESSAGES_DDL } from './hidden-messages.ts';
import { MESSAGES_DDL } from './messages.ts';
import { PUSH_DDL } from './push.ts';
import { SESSIONS_DDL } from './sessions.ts';
import { USERS_DDL } from './users.ts';

/** Each table's DDL steps, in the order a step must run (a table before the tables that refer to it). */
const TABLES: readonly (readonly string[])[] = [
  USERS_DDL,
  SESSIONS_DDL,
  MESSAGES_DDL,
  CHAT_BOXES_DDL,
  HIDDEN_MESSAGES_DDL,
  PUSH_DDL,
  CONTACTS_DDL,
  BLOCKS_DDL,
];

/**
 * Schema versions, applied in order at start-up inside one transaction each; PRAGMA user_version records how far
 * a database has come. Version n is every table file's step n. Append new steps in the table's own file (a new
 * table brings a file with empty steps up to the version it starts at); never edit a step that has shipped.
 */
export const MIGRATIONS: readonly string[] = Array.from({ length: Math.max(...TABLES.map((t) => t.length)) }, (_, v) =>
  TABLES.map((steps) => steps[v] ?? '').join('\n'),
);
