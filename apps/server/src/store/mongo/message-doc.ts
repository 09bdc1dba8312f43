import type { Media, Message, MessageKind, ReplyTo } from '@pairchat/schema';

/**
 * A document of the `messages` collection: each message once per pair. `kind`, `media`, `replyTo`, `recalled` and
 * `grams` came with message actions; documents stored before them lack them and read as a text message that is not
 * recalled (`grams` is filled in at start-up, see `MongoMessages.ensureIndexes`).
 */
export interface MessageDoc {
  _id: string;
  chatKey: string;
  seq: number;
  from: string;
  to: string;
  name: string;
  kind?: MessageKind;
  content: string;
  media?: Media | null;
  /** A media message's media id, kept when it is recalled (see `message-media.ts`). */
  mediaId?: string;
  replyTo?: ReplyTo | null;
  recalled?: boolean;
  date: string;
  clientId: string;
  /** The search keys of a text message (`search-grams.ts`); empty for media and once recalled. */
  grams?: string[];
}

/** Document → the contract's Message, field by field (`_id` → `id`). */
export function toMessage(d: MessageDoc): Message {
  return {
    id: d._id,
    seq: d.seq,
    chatKey: d.chatKey,
    from: d.from,
    to: d.to,
    name: d.name,
    kind: d.kind ?? 'text',
    content: d.content,
    media: d.media ?? null,
    replyTo: d.replyTo ?? null,
    recalled: d.recalled ?? false,
    date: d.date,
    clientId: d.clientId,
  };
}
