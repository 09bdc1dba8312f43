import type { Message } from '@pairchat/schema';

/** The longest quote preview the contract allows (`replyTo.preview`: up to 100 characters of the quoted text). */
export const QUOTE_PREVIEW_MAX = 100;

/**
 * What a reply shows of the message it quotes until the server's stored copy replaces it: the same shape as the
 * contract's `replyTo`, cut at code points (never inside a surrogate pair), `""` for media.
 */
export function quoteOf(m: Message): NonNullable<Message['replyTo']> {
  const preview = m.kind === 'text' ? Array.from(m.content).slice(0, QUOTE_PREVIEW_MAX).join('') : '';
  return { seq: m.seq, from: m.from, name: m.name, kind: m.kind, preview };
}
