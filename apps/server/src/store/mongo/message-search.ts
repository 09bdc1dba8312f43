import type { Collection } from 'mongodb';
import type { Message } from '@pairchat/schema';
import type { MessageSearch } from '../port.ts';
import type { MongoHiddenMessages } from './hidden-messages.ts';
import { toMessage, type MessageDoc } from './message-doc.ts';
import { queryGrams, searchFold } from './search-grams.ts';

/** Candidates are read and checked in batches of this many. */
const BATCH = 200;

/**
 * `MessageTable.search` on MongoDB: the (chatKey, grams) multikey index narrows to my chats' messages holding every
 * key of the query (`search-grams.ts`), newest first; each candidate is then checked as a substring, against its
 * scope's cleared mark and against the viewer's hidden set, until `limit` pass.
 */
export async function searchMessages(
  messages: Collection<MessageDoc>,
  hidden: MongoHiddenMessages,
  q: MessageSearch,
): Promise<Message[]> {
  if (q.scopes.length === 0) return [];
  const above = new Map(q.scopes.map((s) => [s.chatKey, s.above]));
  const needle = searchFold(q.text);
  const cursor = messages
    .find({ chatKey: { $in: [...above.keys()] }, grams: { $all: queryGrams(q.text) }, recalled: { $ne: true } })
    .sort({ date: -1, _id: -1 })
    .batchSize(BATCH);
  const hits: Message[] = [];
  let batch: MessageDoc[] = [];
  const flush = async () => {
    const hiddenKeys = await hidden.hiddenKeys(q.viewerId, batch);
    for (const d of batch) {
      if (hits.length < q.limit && !hiddenKeys.has(`${d.chatKey}|${d.seq}`)) hits.push(toMessage(d));
    }
    batch = [];
  };
  for await (const d of cursor) {
    if (d.seq <= (above.get(d.chatKey) ?? Infinity) || !searchFold(d.content).includes(needle)) continue;
    batch.push(d);
    if (batch.length === q.limit - hits.length) await flush();
    if (hits.length === q.limit) break;
  }
  if (batch.length > 0) await flush();
  return hits;
}
