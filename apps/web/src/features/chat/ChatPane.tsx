import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { closeChat } from '../../stores/actions.ts';
import { Composer } from './Composer.tsx';
import { MessageList } from './MessageList.tsx';

export function ChatPane({ chatId }: { chatId: string }) {
  const t = useT();
  const chat = useApp((s) => s.chats.find((c) => c.id === chatId));
  const { online, typingUntil } = useApp(
    useShallow((s) => ({
      // While this tab is disconnected it cannot know who is online: it claims nobody is.
      online: chat && s.status === 'open' ? (s.online[chat.peer.id] ?? false) : false,
      typingUntil: chat ? (s.typingUntil[chat.peer.id] ?? 0) : 0,
    })),
  );
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (typingUntil <= Date.now()) return;
    const timer = setTimeout(() => setNow(Date.now()), typingUntil - Date.now() + 10);
    return () => clearTimeout(timer);
  }, [typingUntil]);

  if (!chat) return <p className="empty-pane">{t('selectChat')}</p>;
  const typing = typingUntil > Math.max(now, Date.now() - 1);

  return (
    <section className="chat-pane" aria-label={chat.peer.name}>
      <header className="chat-header">
        <button type="button" className="back" aria-label={t('back')} onClick={closeChat}>
          ‹
        </button>
        <div>
          <h2>{chat.peer.name}</h2>
          <p className={`peer-status ${typing ? 'typing' : ''}`} aria-live="polite">
            {typing ? t('typing') : online ? t('online') : t('offline')}
          </p>
        </div>
      </header>
      <MessageList chat={chat} />
      <Composer chat={chat} />
    </section>
  );
}
