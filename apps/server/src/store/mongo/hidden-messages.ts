import type { Collection, Db } from 'mongodb';
import type { HiddenMessageTable } from '../port.ts';

/** A document of `hidden_messages`: one message deleted for its owner only. `_id` is owner, pair and seq. */
interface HiddenDoc {
  _id: string;
  owner: string;
  chatKey: string;
  seq: number;
}

const idOf = (owner: string, chatKey: string, seq: number) => `${owner}|${chatKey}|${seq}`;

/** The hidden sets, in the `hidden_messages` collection. */
export class MongoHiddenMessages implements HiddenMessageTable {
  private readonly hidden: Collection<HiddenDoc>;

  constructor(db: Db) {
    this.hidden = db.collection('hidden_messages');
  }

  /** This collection's indexes: a person's hidden seqs in one pair, in order. */
  async ensureIndexes(): Promise<void> {
    await this.hidden.createIndex({ owner: 1, chatKey: 1, seq: 1 }, { name: 'owner_pair_seq' });
  }

  async hide(ownerId: string, chatKey: string, seq: number): Promise<void> {
    const _id = idOf(ownerId, chatKey, seq);
    await this.hidden.updateOne({ _id }, { $set: { owner: ownerId, chatKey, seq } }, { upsert: true });
  }

  async among(ownerId: string, chatKey: string, seqs: number[]): Promise<Set<number>> {
    if (seqs.length === 0) return new Set();
    const docs = await this.hidden.find({ _id: { $in: seqs.map((s) => idOf(ownerId, chatKey, s)) } }).toArray();
    return new Set(docs.map((d) => d.seq));
  }

  /**
   * The seqs of the pair the owner has hidden, all of them (for a page query's `$nin`) or those above `aboveSeq`
   * (for an unread count, which starts at its floor). Seqs start at 1.
   */
  async seqsOf(ownerId: string, chatKey: string, aboveSeq = 0): Promise<number[]> {
    const docs = await this.hidden.find({ owner: ownerId, chatKey, seq: { $gt: aboveSeq } }).toArray();
    return docs.map((d) => d.seq);
  }

  /** Which of these messages (by pair and seq) the owner has hidden, as `chatKey|seq`. */
  async hiddenKeys(ownerId: string, messages: { chatKey: string; seq: number }[]): Promise<Set<string>> {
    if (messages.length === 0) return new Set();
    const ids = messages.map((m) => idOf(ownerId, m.chatKey, m.seq));
    const docs = await this.hidden.find({ _id: { $in: ids } }).toArray();
    return new Set(docs.map((d) => `${d.chatKey}|${d.seq}`));
  }
}
