import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { totalUnread, useApp } from '../../stores/app-store.ts';
import { closeChat } from '../../stores/chat-actions.ts';
import { sendFiles } from '../../stores/media-actions.ts';
import { ImageViewer } from '../media/ImageViewer.tsx';
import { ConnectionBanner } from '../rail/ConnectionBanner.tsx';
import { useName } from '../people/use-name.ts';
import { ChatHeaderActions } from './ChatHeaderActions.tsx';
import { Composer } from './Composer.tsx';
import { useComposerFocus } from './composer-focus.ts';
import { MessageList } from './MessageList.tsx';

/**
 * One open chat: the header (on a phone with Back, which carries the other chats' unread count as WeChat's
 * does), the connection banner (shown here on a phone, where the list page is hidden), messages and composer.
 * Files dropped anywhere on it are sent (as WeChat's desktop client does); the photo viewer opens over it.
 */
export function ChatPane({ chatId }: { chatId: string }) {
  const t = useT();
  const chat = useApp((s) => s.chats.find((c) => c.id === chatId));
  const peerName = useName(chat?.peer);
  const othersUnread = useApp(totalUnread);
  const { online, typingUntil } = useApp(
    useShallow((s) => ({
      // While this tab is disconnected it cannot know who is online: it claims nobody is.
      online: chat && s.status === 'open' ? (s.online[chat.peer.id] ?? false) : false,
      typingUntil: chat ? (s.typingUntil[chat.peer.id] ?? 0) : 0,
    })),
  );
  const [now, setNow] = useState(Date.now());
  const [dragging, setDragging] = useState(false);
  const composerBox = useRef<HTMLDivElement>(null);
  useComposerFocus(chatId, composerBox);
  useEffect(() => {
    if (typingUntil <= Date.now()) return;
    const timer = setTimeout(() => setNow(Date.now()), typingUntil - Date.now() + 10);
    return () => clearTimeout(timer);
  }, [typingUntil]);

  if (!chat) return <p className="empty-pane">{t('selectChat')}</p>;
  const onDrag = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault(); // allows the drop
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const typing = typingUntil > Math.max(now, Date.now() - 1);

  return (
    <section
      className={`chat-pane${dragging ? ' dragging' : ''}`}
      aria-label={peerName}
      onDragEnter={onDrag}
      onDragOver={onDrag}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        sendFiles(chat, Array.from(e.dataTransfer.files));
      }}
    >
      {dragging && (
        <p className="drop-hint" aria-hidden="true">
          {t('dropToSend')}
        </p>
      )}
      <header className="chat-header">
        <button
          type="button"
          className="back"
          aria-label={othersUnread > 0 ? t('backUnread', { count: othersUnread }) : t('back')}
          onClick={closeChat}
        >
          <span aria-hidden="true">‹</span>
          {othersUnread > 0 && <span className="back-count">{othersUnread > 99 ? '99+' : othersUnread}</span>}
        </button>
        <div className="chat-title">
          <h1 dir="auto">{peerName}</h1>
          <p className={`peer-status ${typing ? 'typing' : ''}`} aria-live="polite">
            {typing ? t('typing') : online ? t('online') : t('offline')}
          </p>
        </div>
        <ChatHeaderActions chat={chat} />
      </header>
      <ConnectionBanner />
      <MessageList chat={chat} />
      <div ref={composerBox} className="composer-box">
        {/* A deleted account takes no messages (the server refuses them): no message box to type into. */}
        {chat.peer.deleted ? (
          <p className="composer composer-closed" role="status">
            {t('peerDeleted')}
          </p>
        ) : (
          <Composer chat={chat} />
        )}
      </div>
      <ImageViewer chatId={chat.id} />
    </section>
  );
}

/** A drag that carries files (not text or a link dragged within the page). */
function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer.types).includes('Files');
}
