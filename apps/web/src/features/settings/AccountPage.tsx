import { useEffect, useState } from 'react';
import { PasswordSchema, type Session } from '@pairchat/schema';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { shortTime } from '../../lib/time.ts';
import { summarizeAgent } from '../../lib/user-agent.ts';
import { changePassword, endAllOtherSessions, endOtherSession, loadSessions } from '../../stores/account-actions.ts';
import { useApp } from '../../stores/app-store.ts';
import { OutcomeLine, useOutcome } from '../people/outcome.tsx';
import { PaneHeader } from '../people/PaneHeader.tsx';
import { DeleteAccount } from './DeleteAccount.tsx';

/**
 * Account and security (账号与安全): change my password (every other session ends), the browsers I am signed in
 * on with when each was last active, signing one or all the others out, and deleting my account.
 */
export function AccountPage() {
  const t = useT();
  return (
    <section className="person-page" aria-label={t('account')}>
      <PaneHeader title={t('account')} />
      <div className="person-body account">
        <PasswordForm />
        <Sessions />
        <DeleteAccount />
      </div>
    </section>
  );
}

function PasswordForm() {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { outcome, busy, run } = useOutcome();
  return (
    <form
      className="stacked-form"
      aria-labelledby="password-title"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => changePassword(current, next), 'passwordChanged', { unauthorized: 'wrongPassword' }).then(
          (ok) => {
            if (!ok) return;
            setCurrent('');
            setNext('');
          },
        );
      }}
    >
      <h2 id="password-title">{t('changePassword')}</h2>
      <label>
        {t('currentPassword')}
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          required
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label>
        {t('newPassword')}
        <input
          type="password"
          autoComplete="new-password"
          value={next}
          required
          minLength={8}
          maxLength={128}
          aria-describedby="new-password-hint"
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      <p className="hint" id="new-password-hint">
        {t('passwordHint')}
      </p>
      <button type="submit" className="primary" disabled={busy || !PasswordSchema.safeParse(next).success}>
        {t('changePassword')}
      </button>
      <OutcomeLine outcome={outcome} t={t} />
    </form>
  );
}

function Sessions() {
  const t = useT();
  const sessions = useApp((s) => s.sessions);
  const { outcome, busy, run } = useOutcome();
  useEffect(() => {
    void loadSessions().catch(() => undefined);
  }, []);
  const others = sessions?.filter((s) => !s.current) ?? [];
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessions')}</h2>
      <ul className="session-list" aria-labelledby="sessions-title" aria-busy={sessions === null}>
        {sessions?.map((s) => (
          <SessionRow
            key={s.id}
            session={s}
            disabled={busy}
            onEnd={() => void run(() => endOtherSession(s.id), null)}
          />
        ))}
      </ul>
      {others.length > 1 && (
        <button type="button" disabled={busy} onClick={() => void run(endAllOtherSessions, null)}>
          {t('signOutOthers')}
        </button>
      )}
      <OutcomeLine outcome={outcome} t={t} />
    </section>
  );
}

function SessionRow({ session, disabled, onEnd }: { session: Session; disabled: boolean; onEnd: () => void }) {
  const t = useT();
  const locale = useLocale();
  const { browser, os } = summarizeAgent(session.userAgent);
  const what = browser && os ? t('browserOn', { browser, os }) : (browser ?? os ?? t('unknownBrowser'));
  return (
    <li className="session">
      <span className="session-text">
        <span className="session-name">{what}</span>
        <span className="chat-last">
          {session.current
            ? t('thisBrowser')
            : t('lastActive', { time: shortTime(session.lastSeenAt, locale, t('yesterday')) })}
        </span>
      </span>
      {!session.current && (
        <button type="button" disabled={disabled} aria-label={t('signOutSession', { name: what })} onClick={onEnd}>
          {t('signOut')}
        </button>
      )}
    </li>
  );
}
