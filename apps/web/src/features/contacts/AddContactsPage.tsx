import { useState } from 'react';
import type { UserWithPresence } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { Avatar } from '../Avatar.tsx';
import { PaneHeader } from '../people/PaneHeader.tsx';
import { useName } from '../people/use-name.ts';
import { SearchField } from '../SearchField.tsx';
import { useDebounced } from '../use-debounced.ts';
import { useDirectory } from '../use-directory.ts';
import { RequestForm } from './RequestForm.tsx';

/**
 * Add contacts (添加朋友): the server's directory searched by name; each person found is already a contact, asked
 * already, or can be asked with a note.
 */
export function AddContactsPage() {
  const t = useT();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 200);
  const people = useDirectory(query);
  return (
    <section className="person-page" aria-label={t('addContacts')}>
      <PaneHeader title={t('addContacts')} />
      <div className="person-body">
        <div className="search">
          <SearchField value={q} onChange={setQ} label={t('searchDirectory')} maxLength={32} autoFocus />
        </div>
        {query && people.length === 0 && <p className="empty-list">{t('noContacts')}</p>}
        {query && people.length > 0 && (
          <ul className="chat-list" aria-label={t('searchResults')}>
            {people.map((u) => (
              <Found key={u.id} user={u} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function Found({ user }: { user: UserWithPresence }) {
  const t = useT();
  const name = useName(user);
  const { contact, requested, setPanel } = useApp(
    useShallow((s) => ({
      contact: s.contacts[user.id] !== undefined,
      requested: s.outgoing.some((r) => r.to.id === user.id),
      setPanel: s.setPanel,
    })),
  );
  return (
    <li className="chat-item found">
      <Avatar user={user} />
      <span className="chat-text">
        <button type="button" className="chat-open" dir="auto" onClick={() => setPanel({ kind: 'person', user })}>
          {name}
        </button>
        {name !== user.name && (
          <span className="chat-last" dir="auto">
            {user.name}
          </span>
        )}
      </span>
      <span className="request-actions">
        {contact ? (
          <span className="request-state">{t('alreadyContact')}</span>
        ) : requested ? (
          <span className="request-state">{t('requested')}</span>
        ) : (
          <RequestForm user={user} />
        )}
      </span>
    </li>
  );
}
