import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { deleteAccount } from '../../stores/account-actions.ts';
import { OutcomeLine, useOutcome } from '../people/outcome.tsx';

/**
 * Delete account (注销账号): a dialog that says what goes and what stays, and asks for my password again (a
 * session cookie alone cannot delete an account).
 */
export function DeleteAccount() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="delete-account-title">
      <h2 id="delete-account-title">{t('deleteAccount')}</h2>
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t('deleteAccount')}
      </button>
      {open && <DeleteDialog onClose={() => setOpen(false)} />}
    </section>
  );
}

function DeleteDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const { outcome, busy, run } = useOutcome();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="delete-title"
      aria-describedby="delete-body"
      onCancel={onClose}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => deleteAccount(password), null, { unauthorized: 'wrongPassword' });
        }}
      >
        <h2 id="delete-title">{t('deleteAccountTitle')}</h2>
        <p id="delete-body">{t('deleteAccountBody')}</p>
        <label className="stacked-label">
          {t('confirmPassword')}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            required
            autoFocus
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <OutcomeLine outcome={outcome} t={t} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="danger" disabled={busy || password === ''}>
            {t('deleteAccount')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
