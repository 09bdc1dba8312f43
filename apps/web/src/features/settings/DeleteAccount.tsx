import { useState } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { deleteAccount } from '../../stores/account-actions.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { OutcomeLine, useOutcome } from '../people/outcome.tsx';

/**
 * Delete account (注销账号): a question that says what goes and what stays, and asks for my password again (a
 * session cookie alone cannot delete an account).
 */
export function DeleteAccount() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const { outcome, busy, run } = useOutcome();
  return (
    <section className="account-section" aria-labelledby="delete-account-title">
      <h2 id="delete-account-title">{t('deleteAccount')}</h2>
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t('deleteAccount')}
      </button>
      {open && (
        <ConfirmDialog
          title={t('deleteAccountTitle')}
          body={t('deleteAccountBody')}
          confirm={t('deleteAccount')}
          cancel={t('cancel')}
          confirmDisabled={busy || password === ''}
          onCancel={() => setOpen(false)}
          onConfirm={() => void run(() => deleteAccount(password), null, { unauthorized: 'wrongPassword' })}
        >
          <label className="stacked-label">
            {t('confirmPassword')}
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              autoFocus
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <OutcomeLine outcome={outcome} t={t} />
        </ConfirmDialog>
      )}
    </section>
  );
}
