import { useState } from 'react';
import type { Chat } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { deleteChat } from '../../stores/chat-actions.ts';
import { nameIn } from '../../stores/names.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { ListTitle } from '../ListTitle.tsx';
import { SearchBox } from '../search/SearchBox.tsx';
import { SearchResults } from '../search/SearchResults.tsx';
import { useFocusReturn } from '../use-focus-return.ts';
import { pinMuteItems } from './chat-menu-items.ts';
import { ChatEntry } from './ChatEntry.tsx';
import { ChatMenu } from './ChatMenu.tsx';

/**
 * Every chat box, pinned ones first, each group most recent first, under WeChat's search box (搜索): while it holds
 * a query, the search results show instead of the list. Each entry has a menu (right-click or ⋯): pin, mute,
 * delete.
 */
export function ChatList() {
  const t = useT();
  const { chats, activeChatId, online, me, connected, drafts, contacts, lang } = useApp(
    useShallow((s) => ({
      chats: s.chats,
      activeChatId: s.activeChatId,
      online: s.online,
      me: s.me,
      drafts: s.drafts,
      contacts: s.contacts,
      lang: s.lang,
      connected: s.status === 'open',
    })),
  );
  const [q, setQ] = useState('');
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Chat | null>(null);
  const focus = useFocusReturn();
  const closeMenu = () => {
    setMenuFor(null);
    focus.restore();
  };

  return (
    <>
      <ListTitle title={t('tab.chats')} />
      <SearchBox value={q} onChange={setQ} />
      {q.trim() ? (
        <SearchResults q={q.trim()} />
      ) : chats.length === 0 ? (
        <p className="empty-list">{t('noChats')}</p>
      ) : (
        <ul className="chat-list" aria-label={t('chats')}>
          {chats.map((chat) => (
            <ChatEntry
              key={chat.id}
              chat={chat}
              active={chat.id === activeChatId}
              online={connected && (online[chat.peer.id] ?? false)}
              meId={me?.id}
              // As WeChat does: a chat I am not in that holds unsent text shows it, marked in red.
              draft={chat.id === activeChatId ? '' : (drafts[chat.id]?.trim() ?? '')}
              menuOpen={menuFor === chat.id}
              onMenu={(opener) => {
                focus.remember(opener);
                setMenuFor(chat.id);
              }}
            >
              {menuFor === chat.id && (
                <ChatMenu
                  onClose={closeMenu}
                  items={[
                    ...pinMuteItems(chat, t, closeMenu),
                    {
                      label: t('deleteChat'),
                      onSelect: () => {
                        setConfirming(chat);
                        setMenuFor(null);
                      },
                    },
                    { label: t('cancel'), onSelect: closeMenu },
                  ]}
                />
              )}
            </ChatEntry>
          ))}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('deleteConfirmTitle')}
          body={t('deleteConfirmBody', { name: nameIn({ contacts, lang }, confirming.peer) })}
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
