import { useEffect, useState } from 'react';
import type { UserWithPresence } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { openChatWith, searchUsers } from '../../stores/actions.ts';
import { Avatar } from '../Avatar.tsx';

/** Everyone else, searchable by name; clicking one opens the chat with them. */
export function Contacts() {
  const t = useT();
  const [q, setQ] = useState('');
  const [users, setUsers] = useState<UserWithPresence[]>([]);
  const online = useApp((s) => s.online);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void searchUsers(q.trim()).then(
        (found) => {
          if (!current) return;
          setUsers(found);
        },
        () => undefined,
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  return (
    <div className="contacts">
      <div className="search">
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('search')}
          aria-label={t('searchContacts')}
          maxLength={32}
        />
      </div>
      {users.length === 0 ? (
        <p className="empty-list">{t('noContacts')}</p>
      ) : (
        <ul className="chat-list" aria-label={t('contacts')}>
          {users.map((u) => {
            const isOnline = online[u.id] ?? u.online;
            return (
              <li key={u.id} className="chat-item">
                <button type="button" className="chat-open" aria-label={u.name} onClick={() => void openChatWith(u.id)}>
                  <Avatar id={u.id} name={u.name} online={isOnline} />
                  <span className="chat-text">
                    <span className="chat-name">{u.name}</span>
                    <span className="chat-last">{isOnline ? t('online') : t('offline')}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
