import { MongoClient, type MongoClientOptions } from 'mongodb';
import type { Store } from '../port.ts';
import { guardUnavailable } from '../unavailable.ts';
import { MongoBlocks } from './blocks.ts';
import { MongoChatBoxes } from './chat-boxes.ts';
import { MongoContactRequests, MongoContacts } from './contacts.ts';
import { MongoHiddenMessages } from './hidden-messages.ts';
import { isUnavailable } from './driver-errors.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { MongoMessages } from './messages.ts';
import { MongoPush } from './push.ts';
import { MongoSessions } from './sessions.ts';
import { MongoUsers } from './users.ts';

export interface MongoStoreOptions {
  uri: string;
  dbName: string;
  maxPoolSize?: number;
  /** How long an operation waits for a reachable server before failing with `StoreUnavailableError`. */
  timeoutMs?: number;
}

/**
 * The production adapter, one file per collection beside this one. Messages live once per pair in their own
 * collection; each person has a chat box per peer with watermarks. A server that cannot be reached is a
 * `StoreUnavailableError` for every method (`guardUnavailable`).
 */
export class MongoStore implements Store {
  readonly name = 'mongodb';
  readonly users: MongoUsers;
  readonly sessions: MongoSessions;
  readonly chats: MongoChatBoxes;
  readonly messages: MongoMessages;
  readonly hiddenMessages: MongoHiddenMessages;
  readonly push: MongoPush;
  readonly contacts: MongoContacts;
  readonly contactRequests: MongoContactRequests;
  readonly blocks: MongoBlocks;
  /** Shared by appends and `exclusive`: writes to one pair from this process go one at a time. */
  private readonly pairLock = new KeyedMutex();

  private constructor(
    private readonly client: MongoClient,
    dbName: string,
  ) {
    const db = client.db(dbName);
    this.users = new MongoUsers(db);
    this.sessions = new MongoSessions(db);
    this.chats = new MongoChatBoxes(db);
    this.hiddenMessages = new MongoHiddenMessages(db);
    this.messages = new MongoMessages(db, this.chats, this.pairLock, this.hiddenMessages);
    this.push = new MongoPush(db);
    this.contacts = new MongoContacts(db);
    this.contactRequests = new MongoContactRequests(db);
    this.blocks = new MongoBlocks(db);
  }

  /** Connects, makes every collection's indexes, and answers the store. */
  static async connect(opts: MongoStoreOptions): Promise<MongoStore> {
    const timeout = opts.timeoutMs ?? 5000;
    const clientOptions: MongoClientOptions = {
      maxPoolSize: opts.maxPoolSize ?? 20,
      serverSelectionTimeoutMS: timeout,
      connectTimeoutMS: timeout,
      socketTimeoutMS: timeout * 6,
    };
    const client = new MongoClient(opts.uri, clientOptions);
    await client.connect();
    const store = new MongoStore(client, opts.dbName);
    for (const collection of [
      store.users,
      store.sessions,
      store.messages,
      store.chats,
      store.hiddenMessages,
      store.push,
      store.contacts,
      store.contactRequests,
      store.blocks,
    ])
      await collection.ensureIndexes();
    return guardUnavailable(store, isUnavailable);
  }

  exclusive<T>(chatKey: string, task: () => Promise<T>): Promise<T> {
    return this.pairLock.run(chatKey, task);
  }

  async ping(): Promise<void> {
    await this.client.db('admin').command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
