import type { SearchResult } from '@pairchat/schema';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { snippetAround } from '../../lib/highlight.ts';
import { shortTime } from '../../lib/time.ts';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../stores/app-store.ts';
import { nameIn } from '../../stores/names.ts';
import { openChatAt } from '../../stores/message-actions.ts';
import { Avatar } from '../Avatar.tsx';
import { Highlighted } from './Highlighted.tsx';

/**
 * Found messages, newest first: who wrote it and in which chat, an excerpt with the match highlighted, its time.
 * Choosing one opens its chat at it (`openChatAt`), highlighted; `onChosen` runs after (a dialog closes).
 */
export function MessageHits(props: { results: SearchResult[]; q: string; label: string; onChosen?: () => void }) {
  const t = useT();
  const locale = useLocale();
  const chats = useApp((s) => s.chats);
  const names = useApp(useShallow((s) => ({ contacts: s.contacts, lang: s.lang })));
  return (
    <ul className="chat-list search-hits" aria-label={props.label}>
      {props.results.map(({ chatId, message }) => {
        const peer = chats.find((c) => c.id === chatId)?.peer;
        const title = peer ? nameIn(names, peer) : message.name;
        return (
          <li key={message.id} className="chat-item">
            <Avatar user={peer ?? { id: message.from, name: message.name }} />
            <span className="chat-text">
              <span className="chat-top">
                <button
                  type="button"
                  className="chat-open"
                  dir="auto"
                  aria-describedby={`hit-${message.id}`}
                  onClick={() => {
                    void openChatAt(chatId, message.seq).catch(() => undefined);
                    props.onChosen?.();
                  }}
                >
                  {title}
                </button>
                <time dateTime={message.date}>{shortTime(message.date, locale, t('yesterday'))}</time>
              </span>
              <span className="chat-last" id={`hit-${message.id}`} dir="auto">
                {message.from !== peer?.id && peer ? `${t('you')}: ` : ''}
                <Highlighted text={snippetAround(message.content, props.q)} q={props.q} />
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
