import type { Media, Message, MessageKind, ReplyTo } from '@pairchat/schema';

/** A row of the messages table (`media` and `reply_to` are JSON; `recalled` 0 or 1). */
export interface MessageRow {
  chat_key: string;
  seq: number;
  id: string;
  from_id: string;
  to_id: string;
  from_name: string;
  kind: string;
  content: string;
  media: string | null;
  reply_to: string | null;
  recalled: number;
  date: string;
  client_id: string;
}

/** The columns of a message row, in the order of {@link MessageRow}, for SELECTs that join it under a prefix. */
export const MESSAGE_COLUMNS = [
  'chat_key',
  'seq',
  'id',
  'from_id',
  'to_id',
  'from_name',
  'kind',
  'content',
  'media',
  'reply_to',
  'recalled',
  'date',
  'client_id',
] as const satisfies readonly (keyof MessageRow)[];

/** Row → the contract's Message, field by field. The JSON columns were written by this adapter from schema types. */
export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    seq: r.seq,
    chatKey: r.chat_key,
    from: r.from_id,
    to: r.to_id,
    name: r.from_name,
    kind: r.kind as MessageKind,
    content: r.content,
    media: r.media === null ? null : (JSON.parse(r.media) as Media),
    replyTo: r.reply_to === null ? null : (JSON.parse(r.reply_to) as ReplyTo),
    recalled: r.recalled === 1,
    date: r.date,
    clientId: r.client_id,
  };
}
