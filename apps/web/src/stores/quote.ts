import { REPLY_PREVIEW_MAX, sliceVisible, type Message, type ReplyTo } from '@pairchat/schema';

/**
 * What a reply shows of the message it quotes until the server's stored copy replaces it: the contract's
 * `replyTo`, cut as the server cuts it (`REPLY_PREVIEW_MAX` user-visible characters), `""` for media.
 */
export function quoteOf(m: Message): ReplyTo {
  const preview = m.kind === 'text' ? sliceVisible(m.content, REPLY_PREVIEW_MAX) : '';
  return { seq: m.seq, from: m.from, name: m.name, kind: m.kind, preview };
}
