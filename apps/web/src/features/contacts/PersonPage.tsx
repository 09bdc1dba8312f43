import { useState } from 'react';
import type { User } from '@pairchat/schema';
import { REMARK_MAX } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { openChatWith } from '../../stores/chat-actions.ts';
import { removeContact, setRemark } from '../../stores/contact-actions.ts';
import { Avatar } from '../Avatar.tsx';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { OutcomeLine, useOutcome } from '../people/outcome.tsx';
import { PaneHeader } from '../people/PaneHeader.tsx';
import { useName } from '../people/use-name.ts';
import { BlockButton } from './BlockButton.tsx';
import { RequestForm } from './RequestForm.tsx';

/**
 * A person's page (WeChat's 详细资料): their picture and names, my remark for them (备注) when they are my
 * contact, Send message, and Add to contacts, Remove contact, Block / Unblock. `user` is who was chosen; the
 * freshest copy this tab holds is shown.
 */
export function PersonPage({ user: chosen }: { user: User }) {
  const t = useT();
  const { contact, fresh, requested } = useApp(
    useShallow((s) => ({
      contact: s.contacts[chosen.id],
      fresh: s.contacts[chosen.id]?.user ?? s.chats.find((c) => c.peer.id === chosen.id)?.peer,
      requested: s.outgoing.some((r) => r.to.id === chosen.id),
    })),
  );
  const user = fresh ?? chosen;
  const name = useName(user);
  const setPanel = useApp((s) => s.setPanel);
  const [confirming, setConfirming] = useState(false);

  return (
    <section className="person-page" aria-label={t('contactDetails')}>
      <PaneHeader title={t('contactDetails')} />
      <div className="person-body">
        <div className="person-card">
          <Avatar user={user} size={64} />
          <div>
            <h2 dir="auto">{name}</h2>
            {name !== (user.displayName || user.name) && user.displayName && !user.deleted && (
              <p dir="auto">{t('nickname', { name: user.displayName })}</p>
            )}
            {!user.deleted && <p dir="auto">{t('signInName', { name: user.name })}</p>}
          </div>
        </div>
        {contact && <RemarkForm userId={user.id} remark={contact.remark} />}
        <div className="person-actions">
          {!user.deleted && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                setPanel(null);
                void openChatWith(user.id).catch(() => undefined);
              }}
            >
              {t('sendMessage')}
            </button>
          )}
          {!contact && !user.deleted && (requested ? <p>{t('requested')}</p> : <RequestForm user={user} />)}
          {contact && (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              {t('removeContact')}
            </button>
          )}
          <BlockButton user={user} />
        </div>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('removeContactTitle', { name })}
          body={t('removeContactBody')}
          confirm={t('remove')}
          cancel={t('cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void removeContact(user.id).catch(() => undefined);
          }}
        />
      )}
    </section>
  );
}

/** My remark for a contact: shown instead of their name everywhere I see them; empty removes it. */
function RemarkForm({ userId, remark }: { userId: string; remark: string }) {
  const t = useT();
  const [text, setText] = useState(remark);
  const { outcome, busy, run } = useOutcome();
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => setRemark(userId, text), 'saved', { bad_request: 'actionFailed' });
      }}
    >
      <label>
        {t('remark')}
        <input value={text} maxLength={REMARK_MAX * 4} onChange={(e) => setText(e.target.value)} dir="auto" />
      </label>
      <button type="submit" disabled={busy || text.trim() === remark}>
        {t('saveRemark')}
      </button>
      <OutcomeLine outcome={outcome} t={t} />
    </form>
  );
}
