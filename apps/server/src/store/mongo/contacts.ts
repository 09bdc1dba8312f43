import type { Collection, Db } from 'mongodb';
import {
  DuplicateError,
  type ContactRecord,
  type ContactRequestRecord,
  type ContactRequestTable,
  type ContactTable,
} from '../port.ts';
import { isDuplicate } from './driver-errors.ts';

/** A document of `contacts`: one side of a pair, `_id` owner and contact. */
interface ContactDoc {
  _id: string;
  owner: string;
  contact: string;
  remark: string;
  since: string;
}

/** A document of `contact_requests`; the unique index on (from, to) keeps one open per ordered pair. */
interface RequestDoc {
  _id: string;
  from: string;
  to: string;
  note: string;
  date: string;
}

const sideId = (owner: string, contact: string) => `${owner}|${contact}`;

const toContact = (d: ContactDoc): ContactRecord => ({
  ownerId: d.owner,
  contactId: d.contact,
  remark: d.remark,
  since: d.since,
});

const toRequest = (d: RequestDoc): ContactRequestRecord => ({
  id: d._id,
  fromId: d.from,
  toId: d.to,
  note: d.note,
  date: d.date,
});

/** Contacts in the `contacts` collection. */
export class MongoContacts implements ContactTable {
  private readonly contacts: Collection<ContactDoc>;

  constructor(db: Db) {
    this.contacts = db.collection<ContactDoc>('contacts');
  }

  /** A person's list in order, and the sides naming a person (to forget them). */
  async ensureIndexes(): Promise<void> {
    await this.contacts.createIndex({ owner: 1, since: 1, contact: 1 }, { name: 'owner_since' });
    await this.contacts.createIndex({ contact: 1 }, { name: 'by_contact' });
  }

  async connect(a: string, b: string, since: string): Promise<void> {
    // Each side on its own, idempotently ($setOnInsert keeps an existing side's remark): no transaction is needed,
    // since a retry after a crash between the two writes adds the missing side.
    for (const [owner, contact] of [
      [a, b],
      [b, a],
    ] as const) {
      await this.contacts.updateOne(
        { _id: sideId(owner, contact) },
        { $setOnInsert: { owner, contact, remark: '', since } },
        { upsert: true },
      );
    }
  }

  async disconnect(a: string, b: string): Promise<boolean> {
    const res = await this.contacts.deleteMany({ _id: { $in: [sideId(a, b), sideId(b, a)] } });
    return res.deletedCount > 0;
  }

  async get(ownerId: string, contactId: string): Promise<ContactRecord | null> {
    const doc = await this.contacts.findOne({ _id: sideId(ownerId, contactId) });
    return doc ? toContact(doc) : null;
  }

  async list(ownerId: string): Promise<ContactRecord[]> {
    const docs = await this.contacts.find({ owner: ownerId }).sort({ since: 1, contact: 1 }).toArray();
    return docs.map(toContact);
  }

  async setRemark(ownerId: string, contactId: string, remark: string): Promise<ContactRecord | null> {
    const doc = await this.contacts.findOneAndUpdate(
      { _id: sideId(ownerId, contactId) },
      { $set: { remark } },
      { returnDocument: 'after' },
    );
    return doc ? toContact(doc) : null;
  }

  async forgetUser(userId: string): Promise<void> {
    await this.contacts.deleteMany({ $or: [{ owner: userId }, { contact: userId }] });
  }
}

/** Open contact requests in the `contact_requests` collection. */
export class MongoContactRequests implements ContactRequestTable {
  private readonly requests: Collection<RequestDoc>;

  constructor(db: Db) {
    this.requests = db.collection<RequestDoc>('contact_requests');
  }

  /** One open request per ordered pair; a person's incoming and outgoing lists, newest first. */
  async ensureIndexes(): Promise<void> {
    await this.requests.createIndex({ from: 1, to: 1 }, { name: 'from_to', unique: true });
    await this.requests.createIndex({ to: 1, date: -1 }, { name: 'to_date' });
  }

  async add(r: ContactRequestRecord): Promise<void> {
    try {
      await this.requests.insertOne({ _id: r.id, from: r.fromId, to: r.toId, note: r.note, date: r.date });
    } catch (err) {
      if (isDuplicate(err)) throw new DuplicateError('a request between them is open already');
      throw err;
    }
  }

  async get(id: string): Promise<ContactRequestRecord | null> {
    const doc = await this.requests.findOne({ _id: id });
    return doc ? toRequest(doc) : null;
  }

  async between(fromId: string, toId: string): Promise<ContactRequestRecord | null> {
    const doc = await this.requests.findOne({ from: fromId, to: toId });
    return doc ? toRequest(doc) : null;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.requests.deleteOne({ _id: id })).deletedCount > 0;
  }

  async incoming(userId: string): Promise<ContactRequestRecord[]> {
    const docs = await this.requests.find({ to: userId }).sort({ date: -1, _id: -1 }).toArray();
    return docs.map(toRequest);
  }

  async outgoing(userId: string): Promise<ContactRequestRecord[]> {
    const docs = await this.requests.find({ from: userId }).sort({ date: -1, _id: -1 }).toArray();
    return docs.map(toRequest);
  }

  async forgetUser(userId: string): Promise<void> {
    await this.requests.deleteMany({ $or: [{ from: userId }, { to: userId }] });
  }
}
