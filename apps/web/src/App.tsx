import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AuthScreen } from './features/auth/AuthScreen.tsx';
import { ChatPane } from './features/chat/ChatPane.tsx';
import { ChatList } from './features/chats/ChatList.tsx';
import { SidePanel } from './features/people/SidePanel.tsx';
import { Contacts } from './features/contacts/Contacts.tsx';
import { ConnectionBanner } from './features/rail/ConnectionBanner.tsx';
import { Rail } from './features/rail/Rail.tsx';
import { Settings } from './features/settings/Settings.tsx';
import { useT } from './i18n/use-t.ts';
import { showUnreadOnFavicon } from './lib/favicon.ts';
import { watchVisibility } from './stores/actions.ts';
import { totalUnread, useApp } from './stores/app-store.ts';
import { PANEL_VIEW } from './stores/slices/ui.ts';

export function App() {
  const { me, authChecked, view, activeChatId, lang, panel } = useApp(
    useShallow((s) => ({
      me: s.me,
      authChecked: s.authChecked,
      view: s.view,
      activeChatId: s.activeChatId,
      lang: s.lang,
      // A page beside the list shows while its own tab is chosen (a contact's card under Contacts).
      panel: s.panel && PANEL_VIEW[s.panel.kind] === s.view ? s.panel : null,
    })),
  );
  const unread = useApp(totalUnread);
  const t = useT();

  useEffect(() => watchVisibility(), []);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) pairchat` : 'pairchat';
  }, [unread]);
  useEffect(() => showUnreadOnFavicon(unread), [unread]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  if (!authChecked) return <div className="splash" aria-busy="true" />;
  if (!me) return <AuthScreen />;

  return (
    <div className={`layout ${activeChatId || panel ? 'has-chat' : 'no-chat'}`}>
      <Rail />
      <main className="main">
        <section className="list-column" aria-label={t(view)}>
          <ConnectionBanner />
          {view === 'chats' && <ChatList />}
          {view === 'contacts' && <Contacts />}
          {view === 'settings' && <Settings />}
        </section>
        <div className="chat-column">
          {panel ? (
            <SidePanel panel={panel} />
          ) : activeChatId ? (
            <ChatPane key={activeChatId} chatId={activeChatId} />
          ) : (
            <p className="empty-pane">{t('selectChat')}</p>
          )}
        </div>
      </main>
    </div>
  );
}
