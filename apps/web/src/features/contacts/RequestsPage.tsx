import type { ContactRequest, User } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { shortTime } from '../../lib/time.ts';
import { useApp } from '../../stores/app-store.ts';
import { acceptRequest, declineRequest } from '../../stores/contact-actions.ts';
import { Avatar } from '../Avatar.tsx';
import { OutcomeLine, useOutcome } from '../people/outcome.tsx';
import { PaneHeader } from '../people/PaneHeader.tsx';
import { useName } from '../people/use-name.ts';

/**
 * New friends (新的朋友): the requests to me, each with its note and Accept / Decline, then mine still waiting.
 * Choosing a name opens that person's page. Under a display name, the sign-in name: display names need not be
 * unique, so a stranger could ask under a friend's.
 */
export function RequestsPage() {
  const t = useT();
  const { incoming, outgoing } = useApp(useShallow((s) => ({ incoming: s.incoming, outgoing: s.outgoing })));
  return (
    <section className="person-page" aria-label={t('newFriends')}>
      <PaneHeader title={t('newFriends')} />
      <div className="person-body">
        {incoming.length === 0 && outgoing.length === 0 && <p className="empty-list">{t('noRequests')}</p>}
        {incoming.length > 0 && (
          <RequestList title={t('requestsToMe')} id="requests-to-me">
            {incoming.map((r) => (
              <RequestRow key={r.id} request={r} person={r.from} incoming />
            ))}
          </RequestList>
        )}
        {outgoing.length > 0 && (
          <RequestList title={t('requestsFromMe')} id="requests-from-me">
            {outgoing.map((r) => (
              <RequestRow key={r.id} request={r} person={r.to} incoming={false} />
            ))}
          </RequestList>
        )}
      </div>
    </section>
  );
}

function RequestList({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <>
      <h2 id={id} className="group-title">
        {title}
      </h2>
      <ul className="chat-list request-list" aria-labelledby={id}>
        {children}
      </ul>
    </>
  );
}

function RequestRow({ request, person, incoming }: { request: ContactRequest; person: User; incoming: boolean }) {
  const t = useT();
  const locale = useLocale();
  const name = useName(person);
  const setPanel = useApp((s) => s.setPanel);
  const { outcome, busy, run } = useOutcome();
  const noteId = `request-${request.id}-note`;
  return (
    <li className="chat-item request">
      <Avatar user={person} />
      <span className="chat-text">
        <span className="chat-top">
          <button
            type="button"
            className="chat-open"
            dir="auto"
            aria-describedby={request.note ? noteId : undefined}
            onClick={() => setPanel({ kind: 'person', user: person })}
          >
            {name}
          </button>
          <time dateTime={request.date}>{shortTime(request.date, locale, t('yesterday'))}</time>
        </span>
        {/* A display name is anyone's to choose, a copy of someone else's name too; the sign-in name is unique. */}
        {person.displayName && person.displayName !== person.name && (
          <span className="chat-last" dir="auto">
            {t('signInName', { name: person.name })}
          </span>
        )}
        {request.note && (
          <span className="chat-last" id={noteId} dir="auto">
            {request.note}
          </span>
        )}
        <OutcomeLine outcome={outcome} t={t} />
      </span>
      {incoming ? (
        <span className="request-actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            aria-label={t('acceptNamed', { name })}
            onClick={() => void run(() => acceptRequest(request.id), null)}
          >
            {t('accept')}
          </button>
          <button
            type="button"
            disabled={busy}
            aria-label={t('declineNamed', { name })}
            onClick={() => void run(() => declineRequest(request.id), null)}
          >
            {t('decline')}
          </button>
        </span>
      ) : (
        <span className="request-state">{t('waiting')}</span>
      )}
    </li>
  );
}
