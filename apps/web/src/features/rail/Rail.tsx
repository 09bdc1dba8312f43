import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { totalUnread, useApp, type View } from '../../stores/app-store.ts';
import { openRequestCount } from '../../stores/slices/contacts.ts';
import { Avatar } from '../Avatar.tsx';

const ICONS: Record<View, string> = {
  chats: 'M4 5h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z',
  contacts: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8a8 8 0 0 1 16 0z',
  settings: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9a7 7 0 0 1 14 0',
};

/**
 * Chats / Contacts / Me: the narrow left rail on a desktop, the bottom tabs on a phone, each with its visible
 * label (WeChat's 微信 / 通讯录 / 我). The Chats tab is described by the total unread of the other chats, the
 * Contacts tab by the count of contact requests to me.
 */
export function Rail() {
  const t = useT();
  const { me, view, setView } = useApp(useShallow((s) => ({ me: s.me, view: s.view, setView: s.setView })));
  const unread = useApp(totalUnread);
  const requests = useApp(openRequestCount);
  return (
    <nav className="rail" aria-label={t('appName')}>
      {me && <Avatar user={me} size={36} />}
      {(['chats', 'contacts', 'settings'] as const).map((v) => (
        <button
          key={v}
          type="button"
          className={`rail-button ${view === v ? 'active' : ''}`}
          aria-current={view === v ? 'page' : undefined}
          aria-describedby={
            v === 'chats' && unread > 0 ? 'rail-unread' : v === 'contacts' && requests > 0 ? 'rail-requests' : undefined
          }
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
          <span className="rail-label">{t(`tab.${v}`)}</span>
          {v === 'chats' && unread > 0 && <RailBadge count={unread} />}
          {v === 'contacts' && requests > 0 && <RailBadge count={requests} />}
        </button>
      ))}
      {unread > 0 && (
        <span id="rail-unread" hidden>
          {t('unread', { count: unread })}
        </span>
      )}
      {requests > 0 && (
        <span id="rail-requests" hidden>
          {t('newFriendsCount', { count: requests })}
        </span>
      )}
    </nav>
  );
}

function RailBadge({ count }: { count: number }) {
  return (
    <span className="badge rail-badge" aria-hidden="true">
      {count > 99 ? '99+' : count}
    </span>
  );
}
