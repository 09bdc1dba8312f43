import type { Message } from '@pairchat/schema';

/** A row of the messages table. */
export interface MessageRow {
  chat_key: string;
  seq: number;
  id: string;
  from_id: string;
  to_id: string;
  from_name: string;
  content: string;
  date: string;
  client_id: string;
}

/** Row → the contract's Message, field by field. */
export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    seq: r.seq,
    chatKey: r.chat_key,
    from: r.from_id,
    to: r.to_id,
    name: r.from_name,
    kind: 'text',
    content: r.content,
    media: null,
    replyTo: null,
    recalled: false,
    date: r.date,
    clientId: r.client_id,
  };
}
