import { useMemo, useState } from 'react';
import type { Contact, User } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { groupByLetter } from '../../lib/people.ts';
import { useApp } from '../../stores/app-store.ts';
import { openChatWith } from '../../stores/chat-actions.ts';
import { openRequestCount } from '../../stores/slices/contacts.ts';
import { nameIn, nameMatches } from '../../stores/names.ts';
import { Avatar } from '../Avatar.tsx';
import { ListTitle } from '../ListTitle.tsx';
import { useName } from '../people/use-name.ts';
import { SearchField } from '../SearchField.tsx';
import { useDebounced } from '../use-debounced.ts';
import { useDirectory } from '../use-directory.ts';

/**
 * The Contacts tab (通讯录), as WeChat lays it out: Add contacts, New friends (新的朋友) with the count of requests
 * to me, then my contacts under the initial of the name I see for them (Chinese by pinyin; `#` for the rest).
 * Choosing a contact opens their page. While the search box holds a text, it lists my contacts and the directory's
 * people whose names contain it; choosing one opens the chat with them.
 */
export function Contacts() {
  const t = useT();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 150);
  const setPanel = useApp((s) => s.setPanel);
  return (
    <div className="contacts">
      <ListTitle title={t('tab.contacts')} />
      <div className="search">
        <SearchField value={q} onChange={setQ} label={t('searchContacts')} maxLength={32} />
      </div>
      {q.trim() ? (
        <Found q={query} />
      ) : (
        <>
          <ul className="chat-list contact-entries" aria-label={t('contacts')}>
            <li className="chat-item">
              <span className="avatar entry-icon add" aria-hidden="true">
                +
              </span>
              <span className="chat-text">
                <button type="button" className="chat-open" onClick={() => setPanel({ kind: 'add' })}>
                  {t('addContacts')}
                </button>
              </span>
            </li>
            <NewFriendsEntry />
          </ul>
          <ContactGroups />
        </>
      )}
    </div>
  );
}

function NewFriendsEntry() {
  const t = useT();
  const count = useApp(openRequestCount);
  const setPanel = useApp((s) => s.setPanel);
  return (
    <li className="chat-item">
      <span className="avatar entry-icon friends" aria-hidden="true">
        ☺
      </span>
      <span className="chat-text">
        <button
          type="button"
          className="chat-open"
          aria-describedby={count > 0 ? 'new-friends-count' : undefined}
          onClick={() => setPanel({ kind: 'requests' })}
        >
          {t('newFriends')}
        </button>
      </span>
      {count > 0 && (
        <span className="badge" role="img" id="new-friends-count" aria-label={t('newFriendsCount', { count })}>
          {count > 99 ? '99+' : count}
        </span>
      )}
    </li>
  );
}

/** My contacts under their letters, each letter a list named by it. */
function ContactGroups() {
  const t = useT();
  const { contacts, loaded, lang } = useApp(
    useShallow((s) => ({ contacts: s.contacts, loaded: s.contactsLoaded, lang: s.lang })),
  );
  const groups = useMemo(
    () => groupByLetter(Object.values(contacts), (c: Contact) => nameIn({ contacts, lang }, c.user)),
    [contacts, lang],
  );
  if (!loaded) return null;
  if (groups.length === 0) return <p className="empty-list">{t('noContactsYet')}</p>;
  return (
    <div className="contact-groups">
      {groups.map(({ letter, items }) => (
        <section key={letter} aria-labelledby={`letter-${letter}`}>
          <h2 className="group-title" id={`letter-${letter}`}>
            {letter}
          </h2>
          <ul className="chat-list" aria-labelledby={`letter-${letter}`}>
            {items.map((c) => (
              <ContactRow key={c.user.id} user={c.user} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function ContactRow({ user }: { user: User }) {
  const { setPanel, chosen, online } = useApp(
    useShallow((s) => ({
      setPanel: s.setPanel,
      chosen: s.view === 'contacts' && s.panel?.kind === 'person' && s.panel.user.id === user.id,
      online: s.status === 'open' && s.online[user.id] === true,
    })),
  );
  return <PersonRow user={user} online={online} chosen={chosen} onChoose={() => setPanel({ kind: 'person', user })} />;
}

/** A search in Contacts: my contacts whose names match, then everyone else the directory finds. */
function Found({ q }: { q: string }) {
  const t = useT();
  const people = useDirectory(q);
  const { contacts, lang, online } = useApp(
    useShallow((s) => ({ contacts: s.contacts, lang: s.lang, online: s.online })),
  );
  const needle = q.toLowerCase();
  // Before the debounced text arrives (q is still ""), nothing: not every contact for a moment.
  if (needle === '') return null;
  const mine = Object.values(contacts)
    .map((c) => c.user)
    .filter((u) => nameMatches({ contacts, lang }, u, needle));
  const others = people.filter((u) => !(u.id in contacts));
  const found = [...mine, ...others];
  if (found.length === 0) return <p className="empty-list">{t('noContacts')}</p>;
  return (
    <ul className="chat-list" aria-label={t('contacts')}>
      {found.map((u) => {
        const isOnline = online[u.id] ?? ('online' in u && u.online === true);
        return (
          <PersonRow
            key={u.id}
            user={u}
            online={isOnline}
            status={isOnline ? t('online') : t('offline')}
            onChoose={() => void openChatWith(u.id)}
          />
        );
      })}
    </ul>
  );
}

/** One person in a list of Contacts: picture, the name I see for them (the click target), perhaps a status line. */
function PersonRow(props: { user: User; online: boolean; chosen?: boolean; status?: string; onChoose: () => void }) {
  const name = useName(props.user);
  const statusId = `contact-${props.user.id}-status`;
  return (
    <li className={`chat-item${props.chosen ? ' active' : ''}`}>
      <Avatar user={props.user} online={props.online} />
      <span className="chat-text">
        <button
          type="button"
          className="chat-open"
          dir="auto"
          aria-current={props.chosen}
          aria-describedby={props.status ? statusId : undefined}
          onClick={props.onChoose}
        >
          {name}
        </button>
        {props.status && (
          <span className="chat-last" id={statusId}>
            {props.status}
          </span>
        )}
      </span>
    </li>
  );
}
