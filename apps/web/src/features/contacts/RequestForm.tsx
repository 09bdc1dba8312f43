import { useState } from 'react';
import { REQUEST_NOTE_MAX, type User } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { requestContact } from '../../stores/contact-actions.ts';
import { OutcomeLine, useOutcome } from '../people/outcome.tsx';
import { useName } from '../people/use-name.ts';

/**
 * Add to contacts: a note for the person (WeChat's 验证消息, prefilled with "Hi, I'm <my name>") and Send request.
 * Once sent, the form gives way to "Request sent".
 */
export function RequestForm({ user }: { user: User }) {
  const t = useT();
  const me = useApp((s) => s.me);
  const myName = useName(me ?? undefined);
  const name = useName(user);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState(() => t('requestNoteDefault', { name: myName }));
  const { outcome, busy, run } = useOutcome();
  if (outcome?.ok) return <OutcomeLine outcome={outcome} t={t} />;
  if (!open) {
    return (
      <button type="button" className="primary" aria-label={t('addNamed', { name })} onClick={() => setOpen(true)}>
        {t('addToContacts')}
      </button>
    );
  }
  return (
    <form
      className="inline-form request-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => requestContact(user.id, note), 'requestSent', { conflict: 'requestConflict' });
      }}
    >
      <label>
        {t('requestNote')}
        <textarea value={note} maxLength={REQUEST_NOTE_MAX * 4} rows={2} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('sendRequest')}
      </button>
      <OutcomeLine outcome={outcome} t={t} />
    </form>
  );
}
