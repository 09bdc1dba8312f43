import type { Message } from '@pairchat/schema';

/** A document of the `messages` collection: each message once per pair. */
export interface MessageDoc {
  _id: string;
  chatKey: string;
  seq: number;
  from: string;
  to: string;
  name: string;
  content: string;
  date: string;
  clientId: string;
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
    kind: 'text',
    content: d.content,
    media: null,
    replyTo: null,
    recalled: false,
    date: d.date,
    clientId: d.clientId,
  };
}
