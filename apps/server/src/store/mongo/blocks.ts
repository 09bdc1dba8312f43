import type { Collection, Db } from 'mongodb';
import type { BlockRecord, BlockTable } from '../port.ts';

/** A document of `blocks`: `_id` is owner and blocked, so "has the recipient blocked the sender" is one `_id` read. */
interface BlockDoc {
  _id: string;
  owner: string;
  blocked: string;
  date: string;
}

const blockId = (owner: string, blocked: string) => `${owner}|${blocked}`;

/** Blocks in the `blocks` collection. */
export class MongoBlocks implements BlockTable {
  private readonly blocks: Collection<BlockDoc>;

  constructor(db: Db) {
    this.blocks = db.collection<BlockDoc>('blocks');
  }

  /** A person's list, newest first; who blocked a person. */
  async ensureIndexes(): Promise<void> {
    await this.blocks.createIndex({ owner: 1, date: -1 }, { name: 'owner_date' });
    await this.blocks.createIndex({ blocked: 1 }, { name: 'by_blocked' });
  }

  async add(ownerId: string, blockedId: string, date: string): Promise<boolean> {
    const res = await this.blocks.updateOne(
      { _id: blockId(ownerId, blockedId) },
      { $setOnInsert: { owner: ownerId, blocked: blockedId, date } },
      { upsert: true },
    );
    return res.upsertedCount > 0;
  }

  async remove(ownerId: string, blockedId: string): Promise<boolean> {
    return (await this.blocks.deleteOne({ _id: blockId(ownerId, blockedId) })).deletedCount > 0;
  }

  async has(ownerId: string, blockedId: string): Promise<boolean> {
    return (await this.blocks.findOne({ _id: blockId(ownerId, blockedId) }, { projection: { _id: 1 } })) !== null;
  }

  async list(ownerId: string): Promise<BlockRecord[]> {
    const docs = await this.blocks.find({ owner: ownerId }).sort({ date: -1, blocked: -1 }).toArray();
    return docs.map((d) => ({ ownerId: d.owner, blockedId: d.blocked, date: d.date }));
  }

  async blockersOf(blockedId: string): Promise<string[]> {
    const docs = await this.blocks.find({ blocked: blockedId }, { projection: { owner: 1 } }).toArray();
    return docs.map((d) => d.owner);
  }

  async forgetUser(userId: string): Promise<void> {
    await this.blocks.deleteMany({ $or: [{ owner: userId }, { blocked: userId }] });
  }
}
