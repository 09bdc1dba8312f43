import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Chat } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { shortTime } from '../../lib/time.ts';
import { useApp } from '../../stores/app-store.ts';
import { deleteChat, openChat } from '../../stores/actions.ts';
import { Avatar } from '../Avatar.tsx';
import { focusComposerOf } from '../chat/composer-focus.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { ListTitle } from '../ListTitle.tsx';
import { useFocusReturn } from '../use-focus-return.ts';
import { ChatMenu } from './ChatMenu.tsx';

/**
 * Every chat box, most recent first. Each entry's button is named by the person and described by the last
 * message, its time and the unread count, so a screen reader says all a sighted person sees; the whole entry is
 * its click target. Enter on it opens the chat with the focus in the composer.
 */
export function ChatList() {
  const t = useT();
  const locale = useLocale();
  const { chats, activeChatId, online, me, connected, drafts } = useApp(
    useShallow((s) => ({
      chats: s.chats,
      activeChatId: s.activeChatId,
      online: s.online,
      me: s.me,
      drafts: s.drafts,
      connected: s.status === 'open',
    })),
  );
  const [menuFor, setMenuFor] = useState<Chat | null>(null);
  const [confirming, setConfirming] = useState<Chat | null>(null);
  const focus = useFocusReturn();

  const openMenu = (chat: Chat, opener: HTMLElement | null) => {
    focus.remember(opener);
    setMenuFor(chat);
  };
  const onContextMenu = (e: MouseEvent<HTMLLIElement>, chat: Chat) => {
    e.preventDefault();
    openMenu(chat, e.currentTarget.querySelector<HTMLElement>('.chat-open'));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, chat: Chat) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    focusComposerOf(chat.id);
    void openChat(chat.id);
  };

  return (
    <>
      <ListTitle title={t('tab.chats')} />
      {chats.length === 0 && <p className="empty-list">{t('noChats')}</p>}
      {chats.length > 0 && (
        <ul className="chat-list" aria-label={t('chats')}>
          {chats.map((chat) => {
            const unread = chat.id === activeChatId ? 0 : chat.unread;
            const last = chat.lastMessage;
            // As WeChat does: a chat I am not in that holds unsent text shows it, marked in red, instead of the last message.
            const draft = chat.id === activeChatId ? '' : (drafts[chat.id]?.trim() ?? '');
            const id = `chat-${chat.id}`;
            const described = [(last || draft) && `${id}-last`, last && `${id}-time`, unread > 0 && `${id}-unread`];
            return (
              <li
                key={chat.id}
                className={`chat-item ${chat.id === activeChatId ? 'active' : ''}`}
                onContextMenu={(e) => onContextMenu(e, chat)}
              >
                <Avatar id={chat.peer.id} name={chat.peer.name} online={connected && online[chat.peer.id]} />
                <span className="chat-text">
                  <span className="chat-top">
                    <button
                      type="button"
                      className="chat-open"
                      dir="auto"
                      aria-current={chat.id === activeChatId}
                      aria-describedby={described.filter(Boolean).join(' ') || undefined}
                      onClick={() => void openChat(chat.id)}
                      onKeyDown={(e) => onKeyDown(e, chat)}
                    >
                      {chat.peer.name}
                    </button>
                    {last && (
                      <time id={`${id}-time`} dateTime={last.date}>
                        {shortTime(last.date, locale, t('yesterday'))}
                      </time>
                    )}
                  </span>
                  <span className="chat-last" id={`${id}-last`}>
                    {draft ? (
                      <>
                        <span className="draft-tag">{t('draft')}</span> <span dir="auto">{draft}</span>
                      </>
                    ) : last ? (
                      <>
                        {last.from === me?.id && `${t('you')}: `}
                        <span dir="auto">{last.content}</span>
                      </>
                    ) : (
                      '\u00a0'
                    )}
                  </span>
                </span>
                {unread > 0 && (
                  <span className="badge" role="img" id={`${id}-unread`} aria-label={t('unread', { count: unread })}>
                    {unread > 99 ? '99+' : unread}
                  </span>
                )}
                <button
                  type="button"
                  className="chat-menu-button"
                  aria-label={t('moreActions', { name: chat.peer.name })}
                  aria-haspopup="menu"
                  aria-expanded={menuFor?.id === chat.id}
                  onClick={(e) => openMenu(chat, e.currentTarget)}
                >
                  ⋯
                </button>
                {menuFor?.id === chat.id && (
                  <ChatMenu
                    onClose={() => {
                      setMenuFor(null);
                      focus.restore();
                    }}
                    items={[
                      {
                        label: t('deleteChat'),
                        onSelect: () => {
                          setConfirming(chat);
                          setMenuFor(null);
                        },
                      },
                      {
                        label: t('cancel'),
                        onSelect: () => {
                          setMenuFor(null);
                          focus.restore();
                        },
                      },
                    ]}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('deleteConfirmTitle')}
          body={t('deleteConfirmBody', { name: confirming.peer.name })}
          confirm={t('delete')}
          cancel={t('cancel')}
          onCancel={() => {
            setConfirming(null);
            focus.restore();
          }}
          onConfirm={() => {
            const chatId = confirming.id;
            setConfirming(null);
            void deleteChat(chatId);
          }}
        />
      )}
    </>
  );
}
