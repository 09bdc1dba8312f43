import { useEffect, useRef, useState } from 'react';
import { SEARCH_QUERY_MAX, type Chat } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { useName } from '../people/use-name.ts';
import { SearchField } from '../SearchField.tsx';
import { MessageHits } from './MessageHits.tsx';
import { useMessageSearch } from './use-message-search.ts';

/**
 * WeChat's 查找聊天记录 from a chat's header: the messages of this one chat that contain the text typed; choosing
 * one closes the dialog and puts the chat at it. A modal <dialog>: the focus stays inside, Escape closes.
 */
export function ChatSearchDialog(props: { chat: Chat; onClose: () => void; onChosen: () => void }) {
  const { chat, onClose } = props;
  const t = useT();
  const peerName = useName(chat.peer);
  const ref = useRef<HTMLDialogElement>(null);
  const [q, setQ] = useState('');
  const { results, query, searching } = useMessageSearch(q, chat.id);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const title = t('searchInChatWith', { name: peerName });
  return (
    <dialog ref={ref} className="dialog search-dialog" aria-label={title} onCancel={onClose}>
      <h2>{t('searchInChat')}</h2>
      <SearchField value={q} onChange={setQ} label={title} maxLength={SEARCH_QUERY_MAX} autoFocus />
      <div aria-busy={searching}>
        {results.length > 0 && (
          <MessageHits results={results} q={query} label={t('searchResults')} onChosen={props.onChosen} />
        )}
        {query && !searching && results.length === 0 && <p className="empty-list">{t('noResults')}</p>}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </dialog>
  );
}
