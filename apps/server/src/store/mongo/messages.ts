import type { Collection, Db } from 'mongodb';
import { pairKey } from '@pairchat/schema';
import type { AppendResult, MessagePage, MessageQuery, MessageSearch, MessageTable, NewMessage } from '../port.ts';
import { DuplicateError, StoreUnavailableError } from '../unavailable.ts';
import { toBox, type MongoChatBoxes } from './chat-boxes.ts';
import { duplicateOn, isDuplicate } from './driver-errors.ts';
import type { MongoHiddenMessages } from './hidden-messages.ts';
import type { KeyedMutex } from './keyed-mutex.ts';
import { ensureMediaIndex, mediaUseOf } from './message-media.ts';
import { searchMessages } from './message-search.ts';
import { messageGrams } from './search-grams.ts';
import { toMessage, type MessageDoc } from './message-doc.ts';

/** The per-pair seq counter: the highest seq stored, possibly lagging by the sends a crash interrupted. */
interface PairDoc {
  _id: string; // chat key
  lastSeq: number;
}

const MAX_SEQ_ATTEMPTS = 25;

/** Messages, in the `messages` collection (no arrays that grow inside a document), and the `pairs` counters. */
export class MongoMessages implements MessageTable {
  private readonly messages: Collection<MessageDoc>;
  private readonly pairs: Collection<PairDoc>;

  constructor(
    db: Db,
    private readonly boxes: MongoChatBoxes,
    /** Writes to one pair from this process go one at a time, so they do not race each other for a seq. */
    private readonly pairLock: KeyedMutex,
    private readonly hidden: MongoHiddenMessages,
  ) {
    this.messages = db.collection('messages');
    this.pairs = db.collection('pairs');
  }

  /** This collection's indexes; createIndex is a no-op when an index exists. */
  async ensureIndexes(): Promise<void> {
    await this.messages.createIndex({ chatKey: 1, seq: 1 }, { unique: true, name: 'unique_pair_seq' });
    await this.messages.createIndex({ from: 1, clientId: 1 }, { unique: true, name: 'unique_sender_client_id' });
    await this.messages.createIndex({ chatKey: 1, 'replyTo.seq': 1 }, { name: 'replies' });
    // Multikey: one entry per search key of a message, under its pair (see search-grams.ts).
    await this.messages.createIndex({ chatKey: 1, grams: 1 }, { name: 'search_grams' });
    await ensureMediaIndex(this.messages);
    // Messages stored before search get their keys once.
    for await (const d of this.messages.find({ grams: { $exists: false } })) {
      const grams = (d.kind ?? 'text') === 'text' && !d.recalled ? messageGrams(d.content) : [];
      await this.messages.updateOne({ _id: d._id }, { $set: { grams } });
    }
  }

  /**
   * A standalone MongoDB has no multi-document transactions, so a send is a sequence of single-document writes,
   * ordered so that a crash between any two of them loses nothing acknowledged (the ack goes out only after the
   * last write) and leaves nothing that a retry with the same clientId cannot repair:
   *
   * 1. Look up (from, clientId). Found: this is a resend; repair both boxes (step 4) and answer with it.
   * 2. Insert the message with seq = the pair's counter + 1. The unique (chatKey, seq) index makes the insert
   *    itself the seq allocation: a seq is taken only by a stored message, so a crash can never leave a hole
   *    (taking the seq first with $inc and inserting after would leave one forever). A clash means the counter
   *    lags: read the true highest seq and try the next. A clash on (from, clientId) is a concurrent resend.
   * 3. Move the counter up to this seq (only ever up). A crash before it only makes the next send clash once.
   * 4. Upsert both chat boxes: the sender's is shown, the recipient's is shown with unread recounted from the
   *    messages themselves (the rules' definition of unread), so running this step twice gives the same result.
   */
  append(m: NewMessage): Promise<AppendResult> {
    const chatKey = pairKey(m.from.id, m.to.id);
    return this.pairLock.run(chatKey, async () => {
      const prior = await this.messages.findOne({ from: m.from.id, clientId: m.clientId });
      if (prior) return this.resend(prior, chatKey, m);

      let doc: MessageDoc | null = null;
      let next = ((await this.pairs.findOne({ _id: chatKey }))?.lastSeq ?? 0) + 1;
      for (let attempt = 0; doc === null; attempt++) {
        if (attempt === MAX_SEQ_ATTEMPTS)
          throw new StoreUnavailableError(`no free seq for ${chatKey}: too much contention`);
        const candidate: MessageDoc = {
          _id: m.id,
          chatKey,
          seq: next,
          from: m.from.id,
          to: m.to.id,
          name: m.from.name,
          kind: m.kind,
          content: m.content,
          media: m.media,
          ...(m.media && { mediaId: m.media.id }),
          replyTo: m.replyTo,
          recalled: false,
          date: m.date,
          clientId: m.clientId,
          grams: m.kind === 'text' ? messageGrams(m.content) : [],
        };
        try {
          await this.messages.insertOne(candidate);
          doc = candidate;
        } catch (err) {
          if (!isDuplicate(err)) throw err;
          if (duplicateOn(err, 'clientId')) {
            const raced = await this.messages.findOne({ from: m.from.id, clientId: m.clientId });
            if (raced) return this.resend(raced, chatKey, m);
          }
          next = (await this.newestSeq(chatKey)) + 1;
        }
      }
      await this.raiseCounter(chatKey, doc.seq);
      await this.blankIfQuoteRecalled(doc);
      return { message: toMessage(doc), created: true, ...(await this.showInBoxes(doc, m, true)) };
    });
  }

  private async resend(prior: MessageDoc, chatKey: string, m: NewMessage): Promise<AppendResult> {
    if (prior.chatKey !== chatKey) throw new DuplicateError('clientId already used for another chat');
    // A crash may have come between storing the message and updating the boxes: finish that now.
    await this.raiseCounter(chatKey, prior.seq);
    return { message: toMessage(prior), created: false, ...(await this.showInBoxes(prior, m, false)) };
  }

  /**
   * A reply to a message recalled before this reply was stored quotes nothing of it. Recall marks the message
   * first and blanks the replies after; a reply checks after it is stored: whichever runs second blanks it.
   */
  private async blankIfQuoteRecalled(doc: MessageDoc): Promise<void> {
    if (!doc.replyTo) return;
    const quoted = await this.messages.findOne({ chatKey: doc.chatKey, seq: doc.replyTo.seq });
    if (!quoted?.recalled) return;
    doc.replyTo = { ...doc.replyTo, preview: '' };
    await this.messages.updateOne({ _id: doc._id }, { $set: { 'replyTo.preview': '' } });
  }

  private async raiseCounter(chatKey: string, seq: number): Promise<void> {
    try {
      await this.pairs.updateOne({ _id: chatKey, lastSeq: { $lt: seq } }, { $set: { lastSeq: seq } }, { upsert: true });
    } catch (err) {
      // The upsert clashes when the counter exists and is already at or past seq: nothing to do.
      if (!isDuplicate(err)) throw err;
    }
  }

  /** Step 4: both boxes, the recipient's unread recounted. */
  private async showInBoxes(doc: MessageDoc, m: NewMessage, revive: boolean) {
    const sender = await this.boxes.showMessageDoc(m.from.id, m.to, m.newChatIds.sender, doc, revive);
    const recipient = await this.boxes.showMessageDoc(m.to.id, m.from, m.newChatIds.recipient, doc, revive);
    return {
      senderBox: toBox(sender),
      recipientBox: await this.boxes.recountUnreadDoc(recipient, (above) =>
        this.countFrom(doc.chatKey, m.from.id, above, m.to.id),
      ),
    };
  }

  async list(q: MessageQuery): Promise<MessagePage> {
    const lower = Math.max(q.after ?? 0, q.above);
    const hidden = q.viewerId === undefined ? [] : await this.hidden.seqsOf(q.viewerId, q.chatKey);
    const seq = {
      $gt: lower,
      ...(q.before !== undefined && { $lt: q.before }),
      ...(hidden.length > 0 && { $nin: hidden }),
    };
    const ascending = q.after !== undefined;
    const docs = await this.messages
      .find({ chatKey: q.chatKey, seq })
      .sort({ seq: ascending ? 1 : -1 })
      .limit(q.limit + 1)
      .toArray();
    const page = docs.slice(0, q.limit).map(toMessage);
    return { messages: ascending ? page : page.reverse(), hasMore: docs.length > q.limit };
  }

  async get(chatKey: string, seq: number) {
    const d = await this.messages.findOne({ chatKey, seq });
    return d ? toMessage(d) : null;
  }

  /** Marks the message, then blanks the replies' previews, then the boxes' copies (see blankIfQuoteRecalled). */
  async recall(chatKey: string, seq: number) {
    const d = await this.messages.findOneAndUpdate(
      { chatKey, seq },
      { $set: { recalled: true, content: '', media: null, grams: [] } },
      { returnDocument: 'after' },
    );
    if (!d) return null;
    await this.messages.updateMany({ chatKey, 'replyTo.seq': seq }, { $set: { 'replyTo.preview': '' } });
    await this.boxes.recalledDoc(d);
    return toMessage(d);
  }

  search(q: MessageSearch) {
    return searchMessages(this.messages, this.hidden, q);
  }

  mediaUse(mediaId: string, viewerId?: string) {
    return mediaUseOf(this.messages, mediaId, viewerId);
  }

  async newestSeq(chatKey: string): Promise<number> {
    const [top] = await this.messages.find({ chatKey }).sort({ seq: -1 }).limit(1).toArray();
    return top?.seq ?? 0;
  }

  async countFrom(chatKey: string, fromId: string, aboveSeq: number, viewerId: string): Promise<number> {
    const hidden = await this.hidden.seqsOf(viewerId, chatKey, aboveSeq);
    const seq = { $gt: aboveSeq, ...(hidden.length > 0 && { $nin: hidden }) };
    return this.messages.countDocuments({ chatKey, from: fromId, seq });
  }
}
