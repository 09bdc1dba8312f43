import type { Collection, Db } from 'mongodb';
import type { User } from '@pairchat/schema';
import { unreadFloor } from '../../chat/rules.ts';
import { toUser, type BoxChange, type BoxRecord, type ChatBoxTable } from '../port.ts';
import { isDuplicate } from './driver-errors.ts';
import { toMessage, type MessageDoc } from './message-doc.ts';

/** A document of the `chat_boxes` collection: one person's view of a pair, with a copy of its newest message. */
export interface BoxDoc extends Pick<
  BoxRecord,
  'chatKey' | 'unread' | 'clearedSeq' | 'readSeq' | 'peerReadSeq' | 'hidden' | 'updatedAt'
> {
  /** Absent on boxes stored before pins and mutes: false. */
  pinned?: boolean;
  muted?: boolean;
  _id: string;
  owner: string;
  peer: string;
  peerName: string;
  /** A copy of the peer's profile, kept current by `refreshPeer`; absent on boxes stored before profiles were. */
  peerDisplayName?: string | null;
  peerAvatar?: string | null;
  peerDeleted?: boolean;
  lastMessage: MessageDoc | null;
}

/** Field by field, because a projection cannot be relied on to leave the rest out (the test server ignores them). */
export function toBox(d: BoxDoc): BoxRecord {
  return {
    id: d._id,
    ownerId: d.owner,
    peer: toUser({
      id: d.peer,
      name: d.peerName,
      displayName: d.peerDisplayName,
      avatar: d.peerAvatar,
      deleted: d.peerDeleted,
    }),
    chatKey: d.chatKey,
    unread: d.unread,
    clearedSeq: d.clearedSeq,
    readSeq: d.readSeq,
    peerReadSeq: d.peerReadSeq,
    hidden: d.hidden,
    pinned: d.pinned ?? false,
    muted: d.muted ?? false,
    updatedAt: d.updatedAt,
    latest: d.lastMessage ? toMessage(d.lastMessage) : null,
  };
}

/** The fields of a box that copy its peer. */
function peerCopy(peer: User): Pick<BoxDoc, 'peerName' | 'peerDisplayName' | 'peerAvatar' | 'peerDeleted'> {
  const user = toUser(peer);
  return {
    peerName: user.name,
    peerDisplayName: user.displayName ?? null,
    peerAvatar: user.avatar ?? null,
    peerDeleted: user.deleted === true,
  };
}

function newBox(id: string, owner: string, peer: User, chatKey: string, now: string): BoxDoc {
  return {
    _id: id,
    owner,
    peer: peer.id,
    ...peerCopy(peer),
    chatKey,
    unread: 0,
    clearedSeq: 0,
    readSeq: 0,
    peerReadSeq: 0,
    hidden: false,
    pinned: false,
    muted: false,
    updatedAt: now,
    lastMessage: null,
  };
}

/** Chat boxes, in the `chat_boxes` collection. The `*Doc` methods serve the append sequence in `messages.ts`. */
export class MongoChatBoxes implements ChatBoxTable {
  private readonly boxes: Collection<BoxDoc>;

  constructor(db: Db) {
    this.boxes = db.collection('chat_boxes');
  }

  /** This collection's indexes; createIndex is a no-op when an index exists. */
  async ensureIndexes(): Promise<void> {
    await this.boxes.createIndex({ owner: 1, peer: 1 }, { unique: true, name: 'unique_owner_peer' });
    await this.boxes.createIndex({ owner: 1, hidden: 1, pinned: -1, updatedAt: -1 }, { name: 'chat_list_pinned' });
    await this.boxes.createIndex({ peer: 1 }, { name: 'by_peer' });
  }

  async find(ownerId: string, peerId: string): Promise<BoxRecord | null> {
    const d = await this.boxes.findOne({ owner: ownerId, peer: peerId });
    return d ? toBox(d) : null;
  }

  async byId(ownerId: string, chatId: string): Promise<BoxRecord | null> {
    const d = await this.boxes.findOne({ _id: chatId, owner: ownerId });
    return d ? toBox(d) : null;
  }

  async listVisible(ownerId: string): Promise<BoxRecord[]> {
    const docs = await this.boxes
      .find({ owner: ownerId, hidden: false })
      .sort({ pinned: -1, updatedAt: -1, _id: -1 })
      .toArray();
    return docs.map(toBox);
  }

  async visibleScopes(ownerId: string) {
    const docs = await this.boxes
      .find({ owner: ownerId, hidden: false }, { projection: { _id: 1, chatKey: 1, clearedSeq: 1 } })
      .toArray();
    return docs.map((d) => ({ id: d._id, chatKey: d.chatKey, clearedSeq: d.clearedSeq }));
  }

  async insert(box: { id: string; ownerId: string; peer: User; chatKey: string; now: string }) {
    const { doc, inserted } = await this.insertDoc(newBox(box.id, box.ownerId, box.peer, box.chatKey, box.now));
    return { box: toBox(doc), inserted };
  }

  async update(chatId: string, change: BoxChange): Promise<BoxRecord | null> {
    const d = await this.boxes.findOneAndUpdate({ _id: chatId }, { $set: change }, { returnDocument: 'after' });
    return d ? toBox(d) : null;
  }

  async raisePeerReadSeq(ownerId: string, peerId: string, seq: number): Promise<void> {
    await this.boxes.updateOne(
      { owner: ownerId, peer: peerId, peerReadSeq: { $lt: seq } },
      { $set: { peerReadSeq: seq } },
    );
  }

  async ownersWithPeer(peerId: string): Promise<string[]> {
    const docs = await this.boxes.find({ peer: peerId }).toArray();
    return docs.map((d) => d.owner);
  }

  /**
   * The copies of the peer in every box of theirs (one indexed update, `by_peer`). A box made from an older read of
   * the user at the same moment may keep the old copy until the next change; a profile change is rare and a stale
   * display name harmless, while a join per chat list on MongoDB would cost every list.
   */
  async refreshPeer(peer: User): Promise<void> {
    await this.boxes.updateMany({ peer: peer.id }, { $set: peerCopy(peer) });
  }

  /**
   * Step 4 of a send (see `MongoMessages.append`), for one box: makes it if missing; shows it with this message as
   * the newest, unless it is an older resend or (`revive` false) a box its owner deleted.
   */
  async showMessageDoc(owner: string, peer: User, newId: string, doc: MessageDoc, revive: boolean): Promise<BoxDoc> {
    const existing = await this.boxes.findOne({ owner, peer: peer.id });
    if (!existing) {
      return (await this.insertDoc({ ...newBox(newId, owner, peer, doc.chatKey, doc.date), lastMessage: doc })).doc;
    }
    const newer = (existing.lastMessage?.seq ?? 0) < doc.seq && doc.seq > existing.clearedSeq;
    if (!newer || (existing.hidden && !revive)) return existing;
    return (await this.boxes.findOneAndUpdate(
      { _id: existing._id },
      { $set: { hidden: false, updatedAt: doc.date, lastMessage: doc } },
      { returnDocument: 'after' },
    ))!;
  }

  /** After a recall: the boxes whose copy of the newest message is it, or quotes it, get the change. */
  async recalledDoc(doc: MessageDoc): Promise<void> {
    await this.boxes.updateMany({ chatKey: doc.chatKey, 'lastMessage.seq': doc.seq }, { $set: { lastMessage: doc } });
    await this.boxes.updateMany(
      { chatKey: doc.chatKey, 'lastMessage.replyTo.seq': doc.seq },
      { $set: { 'lastMessage.replyTo.preview': '' } },
    );
  }

  /** Sets the recipient's unread to the count the rules define, so running a send's step 4 twice is harmless. */
  async recountUnreadDoc(box: BoxDoc, count: (aboveSeq: number) => Promise<number>): Promise<BoxRecord> {
    const unread = box.hidden ? 0 : await count(unreadFloor(box));
    if (unread === box.unread) return toBox(box);
    return toBox(
      (await this.boxes.findOneAndUpdate({ _id: box._id }, { $set: { unread } }, { returnDocument: 'after' }))!,
    );
  }

  /** Inserts a new box, or finds the one another process made a moment ago (the unique owner+peer index). */
  private async insertDoc(box: BoxDoc): Promise<{ doc: BoxDoc; inserted: boolean }> {
    try {
      await this.boxes.insertOne(box);
      return { doc: box, inserted: true };
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      return { doc: (await this.boxes.findOne({ owner: box.owner, peer: box.peer }))!, inserted: false };
    }
  }
}
