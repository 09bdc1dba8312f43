import { useState } from 'react';
import type { User } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { setBlocked } from '../../stores/contact-actions.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { useName } from '../people/use-name.ts';

/** Block (after a confirmation, as WeChat's 加入黑名单 asks) or Unblock a person, on their page. */
export function BlockButton({ user }: { user: User }) {
  const t = useT();
  const blocked = useApp((s) => s.blocked[user.id] !== undefined);
  const { confirming, ask, dialog } = useBlockConfirm(user);
  return (
    <>
      <button
        type="button"
        onClick={() => (blocked ? void setBlocked(user, false).catch(() => undefined) : ask())}
        aria-pressed={blocked}
      >
        {blocked ? t('unblock') : t('block')}
      </button>
      {confirming && dialog}
    </>
  );
}

/**
 * The question before blocking someone (who they are, what it does), for the person's page and the chat's menu;
 * `done` runs when it is answered either way (a menu returns the focus).
 */
export function useBlockConfirm(user: User, done: () => void = () => undefined) {
  const t = useT();
  const name = useName(user);
  const [confirming, setConfirming] = useState(false);
  const finish = () => {
    setConfirming(false);
    done();
  };
  const dialog = (
    <ConfirmDialog
      title={t('blockTitle', { name })}
      body={t('blockBody')}
      confirm={t('block')}
      cancel={t('cancel')}
      onCancel={finish}
      onConfirm={() => {
        finish();
        void setBlocked(user, true).catch(() => undefined);
      }}
    />
  );
  return { confirming, ask: () => setConfirming(true), dialog };
}
