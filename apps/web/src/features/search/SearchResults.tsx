import type { User } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { openChat, openChatWith } from '../../stores/chat-actions.ts';
import { useApp } from '../../stores/app-store.ts';
import { nameMatches } from '../../stores/names.ts';
import { Avatar } from '../Avatar.tsx';
import { useName } from '../people/use-name.ts';
import { useDirectory } from '../use-directory.ts';
import { Highlighted } from './Highlighted.tsx';
import { MessageHits } from './MessageHits.tsx';
import { useMessageSearch } from './use-message-search.ts';

/**
 * What the search box above the chat list finds, grouped as WeChat groups it: my contacts (by remark, display name
 * or sign-in name, anywhere in it), other people (the directory, by sign-in name), chats (mine, by the person's
 * name) and messages (the server's search), each with the match highlighted.
 */
export function SearchResults({ q }: { q: string }) {
  const t = useT();
  const { chats, contacts, lang, me } = useApp(
    useShallow((s) => ({ chats: s.chats, contacts: s.contacts, lang: s.lang, me: s.me })),
  );
  const { results, query, searching } = useMessageSearch(q);
  const people = useDirectory(query);
  const needle = q.toLowerCase();
  const matchingChats = chats.filter((c) => nameMatches({ contacts, lang }, c.peer, needle));
  const matchingContacts = Object.values(contacts)
    .map((c) => c.user)
    .filter((u) => nameMatches({ contacts, lang }, u, needle));
  const matchingPeople = people.filter(
    (u) => !(u.id in contacts) && u.id !== me?.id && nameMatches({ contacts, lang }, u, needle),
  );
  const nothing =
    !searching &&
    results.length === 0 &&
    matchingChats.length === 0 &&
    matchingContacts.length === 0 &&
    matchingPeople.length === 0;

  return (
    <div className="search-results" aria-label={t('searchResults')} role="region" aria-busy={searching}>
      {matchingContacts.length > 0 && (
        <Group title={t('resultsContacts')}>
          {matchingContacts.map((u) => (
            <NameHit key={u.id} user={u} q={q} onChoose={() => void openChatWith(u.id)} />
          ))}
        </Group>
      )}
      {matchingPeople.length > 0 && (
        <Group title={t('resultsPeople')}>
          {matchingPeople.map((u) => (
            <NameHit key={u.id} user={u} q={q} onChoose={() => void openChatWith(u.id)} />
          ))}
        </Group>
      )}
      {matchingChats.length > 0 && (
        <Group title={t('resultsChats')}>
          {matchingChats.map((c) => (
            <NameHit key={c.id} user={c.peer} q={q} onChoose={() => void openChat(c.id)} />
          ))}
        </Group>
      )}
      {results.length > 0 && (
        <section className="search-group" aria-labelledby="results-messages">
          <h2 id="results-messages">{t('resultsMessages')}</h2>
          <MessageHits results={results} q={query} label={t('resultsMessages')} />
        </section>
      )}
      {searching && <p className="system-note">{t('searching')}</p>}
      {nothing && <p className="empty-list">{t('noResults')}</p>}
    </div>
  );
}

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="search-group" aria-label={title}>
      <h2>{title}</h2>
      <ul className="chat-list" aria-label={title}>
        {children}
      </ul>
    </section>
  );
}

function NameHit(props: { user: User; q: string; onChoose: () => void }) {
  const name = useName(props.user);
  return (
    <li className="chat-item">
      <Avatar user={props.user} />
      <span className="chat-text">
        <button type="button" className="chat-open" dir="auto" aria-label={name} onClick={props.onChoose}>
          <Highlighted text={name} q={props.q} />
        </button>
      </span>
    </li>
  );
}
