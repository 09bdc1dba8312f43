import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';

/** Shown from the moment the socket drops until the catch-up after reconnecting is done. */
export function ConnectionBanner() {
  const t = useT();
  const { status, lostConnection } = useApp(
    useShallow((s) => ({ status: s.status, lostConnection: s.lostConnection })),
  );
  if (!lostConnection) return null;
  return (
    <div className="banner" role="status">
      {status === 'open' ? t('catchingUp') : t('disconnected')}
    </div>
  );
}
