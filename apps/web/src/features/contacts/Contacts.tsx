import { useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { openChatWith } from '../../stores/chat-actions.ts';
import { Avatar } from '../Avatar.tsx';
import { ListTitle } from '../ListTitle.tsx';
import { SearchField } from '../SearchField.tsx';
import { useDebounced } from '../use-debounced.ts';
import { useDirectory } from '../use-directory.ts';

/** Everyone else, searchable by name; clicking one (anywhere on the entry) opens the chat with them. */
export function Contacts() {
  const t = useT();
  const [q, setQ] = useState('');
  const users = useDirectory(useDebounced(q.trim(), 150));
  const online = useApp((s) => s.online);

  return (
    <div className="contacts">
      <ListTitle title={t('tab.contacts')} />
      <div className="search">
        <SearchField value={q} onChange={setQ} label={t('searchContacts')} maxLength={32} />
      </div>
      {users.length === 0 ? (
        <p className="empty-list">{t('noContacts')}</p>
      ) : (
        <ul className="chat-list" aria-label={t('contacts')}>
          {users.map((u) => {
            const isOnline = online[u.id] ?? u.online;
            return (
              <li key={u.id} className="chat-item">
                <Avatar id={u.id} name={u.name} online={isOnline} />
                <span className="chat-text">
                  <button
                    type="button"
                    className="chat-open"
                    aria-describedby={`contact-${u.id}-status`}
                    onClick={() => void openChatWith(u.id)}
                  >
                    {u.name}
                  </button>
                  <span className="chat-last" id={`contact-${u.id}-status`}>
                    {isOnline ? t('online') : t('offline')}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
