import { useState, type MouseEvent } from 'react';
import type { Chat } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { shortTime } from '../../lib/time.ts';
import { useApp } from '../../stores/app-store.ts';
import { deleteChat, openChat } from '../../stores/controller.ts';
import { Avatar } from '../Avatar.tsx';
import { ConfirmDialog } from '../ConfirmDialog.tsx';

/** Every chat box, most recent first, with the last message, its time and the unread badge. */
export function ChatList() {
  const t = useT();
  const { chats, activeChatId, online, lang, me, connected } = useApp(
    useShallow((s) => ({
      chats: s.chats,
      activeChatId: s.activeChatId,
      online: s.online,
      lang: s.lang,
      me: s.me,
      connected: s.status === 'open',
    })),
  );
  const [menuFor, setMenuFor] = useState<Chat | null>(null);
  const [confirming, setConfirming] = useState<Chat | null>(null);

  if (chats.length === 0) return <p className="empty-list">{t('noChats')}</p>;

  const onContextMenu = (e: MouseEvent, chat: Chat) => {
    e.preventDefault();
    setMenuFor(chat);
  };

  return (
    <>
      <ul className="chat-list" aria-label={t('chats')}>
        {chats.map((chat) => {
          const unread = chat.id === activeChatId ? 0 : chat.unread;
          const last = chat.lastMessage;
          return (
            <li
              key={chat.id}
              className={`chat-item ${chat.id === activeChatId ? 'active' : ''}`}
              onContextMenu={(e) => onContextMenu(e, chat)}
            >
              <button
                type="button"
                className="chat-open"
                aria-label={chat.peer.name}
                aria-current={chat.id === activeChatId}
                onClick={() => void openChat(chat.id)}
              >
                <Avatar id={chat.peer.id} name={chat.peer.name} online={connected && online[chat.peer.id]} />
                <span className="chat-text">
                  <span className="chat-top">
                    <span className="chat-name" dir="auto">
                      {chat.peer.name}
                    </span>
                    {last && <time dateTime={last.date}>{shortTime(last.date, lang, t('yesterday'))}</time>}
                  </span>
                  <span className="chat-last">
                    {last && last.from === me?.id && `${t('you')}: `}
                    {last ? <span dir="auto">{last.content}</span> : '\u00a0'}
                  </span>
                </span>
                {unread > 0 && (
                  <span className="badge" aria-label={t('unread', { count: unread })}>
                    {unread > 99 ? '99+' : unread}
                  </span>
                )}
              </button>
              <button
                type="button"
                className="chat-menu-button"
                aria-label={t('moreActions', { name: chat.peer.name })}
                aria-haspopup="menu"
                onClick={() => setMenuFor(chat)}
              >
                ⋯
              </button>
              {menuFor?.id === chat.id && (
                <div className="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setMenuFor(null)}>
                  <button
                    type="button"
                    role="menuitem"
                    autoFocus
                    onClick={() => {
                      setConfirming(chat);
                      setMenuFor(null);
                    }}
                  >
                    {t('deleteChat')}
                  </button>
                  <button type="button" role="menuitem" onClick={() => setMenuFor(null)}>
                    {t('cancel')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {confirming && (
        <ConfirmDialog
          title={t('deleteConfirmTitle')}
          body={t('deleteConfirmBody', { name: confirming.peer.name })}
          confirm={t('delete')}
          cancel={t('cancel')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const id = confirming.id;
            setConfirming(null);
            void deleteChat(id);
          }}
        />
      )}
    </>
  );
}
