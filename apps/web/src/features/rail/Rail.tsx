import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { totalUnread, useApp, type View } from '../../stores/app-store.ts';
import { Avatar } from '../Avatar.tsx';

const ICONS: Record<View, string> = {
  chats: 'M4 5h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z',
  contacts: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8a8 8 0 0 1 16 0z',
  settings: 'M4 6h16M4 12h16M4 18h16',
};

/** The narrow left rail: who I am, and Chats / Contacts / Settings. */
export function Rail() {
  const t = useT();
  const { me, view, setView } = useApp(useShallow((s) => ({ me: s.me, view: s.view, setView: s.setView })));
  const unread = useApp(totalUnread);
  return (
    <nav className="rail" aria-label={t('appName')}>
      {me && <Avatar id={me.id} name={me.name} size={36} />}
      {(['chats', 'contacts', 'settings'] as const).map((v) => (
        <button
          key={v}
          type="button"
          className={`rail-button ${view === v ? 'active' : ''}`}
          aria-pressed={view === v}
          aria-label={t(v)}
          title={t(v)}
          onClick={() => setView(v)}
        >
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <path
              d={ICONS[v]}
              fill={v === 'settings' ? 'none' : 'currentColor'}
              stroke="currentColor"
              strokeWidth={v === 'settings' ? 2 : 0}
            />
          </svg>
          {v === 'chats' && unread > 0 && (
            <span className="badge rail-badge" aria-label={t('unread', { count: unread })}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
