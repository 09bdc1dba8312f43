import path from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import { dbNameFor } from '@pairchat/testing';
import { mongoUri } from '@pairchat/testing/vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.ts';

/** A user as the server stored them before name skeletons: its key as it was (often `legacyNameKey`). */
export interface LegacyUser {
  id: string;
  name: string;
  nameKey: string;
  passwordHash: string;
  createdAt: string;
}

/** Writes `users` into a new database in `dir` as the first schema version left it: no skeleton column. */
export function writeLegacySqlite(dir: string, users: LegacyUser[]): void {
  const db = new Database(path.join(dir, 'pairchat.db'));
  db.exec(MIGRATIONS[0]!);
  db.pragma('user_version = 1');
  const insert = db.prepare('INSERT INTO users (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const u of users) insert.run(u.id, u.name, u.nameKey, u.passwordHash, u.createdAt);
  db.close();
}

/**
 * Writes `users` into MongoDB database `dbName` (a new one by default) as the server kept them before skeletons: the
 * one unique index on the name key, documents without a skeleton. Answers the database's name.
 */
export async function writeLegacyMongo(users: LegacyUser[], dbName = dbNameFor()): Promise<string> {
  const client = new MongoClient(mongoUri());
  try {
    const collection = client
      .db(dbName)
      .collection<{ _id: string; name: string; nameKey: string; passwordHash: string; createdAt: string }>('users');
    await collection.createIndex({ nameKey: 1 }, { unique: true, name: 'unique_name_key' });
    await collection.insertMany(users.map(({ id, ...u }) => ({ _id: id, ...u })));
  } finally {
    await client.close();
  }
  return dbName;
}
