import type { Message } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { messagePreview } from '../../lib/message-preview.ts';
import { useApp } from '../../stores/app-store.ts';
import { openChatAt } from '../../stores/message-actions.ts';
import { useSenderName } from '../people/use-name.ts';

/**
 * The quote in a reply's bubble (WeChat shows it under the bubble, grey): who and what was quoted; choosing it
 * jumps to the original, loading the page around it when it is not held. A quoted message that was recalled
 * shows as recalled, whether this tab holds it recalled or the server's quote says so.
 */
export function Quote({ chatId, quote }: { chatId: string; quote: NonNullable<Message['replyTo']> }) {
  const t = useT();
  const peer = useApp((s) => s.chats.find((c) => c.id === chatId)?.peer);
  const name = useSenderName(peer, quote.from, quote.name);
  const held = useApp((s) => s.histories[chatId]?.messages.find((m) => m.seq === quote.seq));
  // The server empties a quote's preview once the original is recalled; a text is never empty otherwise.
  const recalled = held?.recalled === true || (quote.kind === 'text' && quote.preview === '');
  const preview = recalled
    ? t('quoteRecalled')
    : quote.preview || messagePreview({ ...quote, recalled: false, content: '', media: null }, undefined, t).text;
  return (
    <button
      type="button"
      className="quote"
      dir="auto"
      title={t('goToQuoted')}
      onClick={() => void openChatAt(chatId, quote.seq).catch(() => undefined)}
    >
      <span className="quote-name">{name}: </span>
      <span className={recalled ? 'quote-recalled' : undefined}>{preview}</span>
    </button>
  );
}
