import { useState } from 'react';
import type { Chat } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';
import { setBlocked } from '../../stores/contact-actions.ts';
import { pinMuteItems } from '../chats/chat-menu-items.ts';
import { BellOff } from '../chats/BellOff.tsx';
import { ChatMenu } from '../chats/ChatMenu.tsx';
import { useBlockConfirm } from '../contacts/BlockButton.tsx';
import { ChatSearchDialog } from '../search/ChatSearchDialog.tsx';
import { useFocusReturn } from '../use-focus-return.ts';

/**
 * The open chat's header buttons: search its history, and a menu to pin or mute it or block the person (WeChat's
 * chat info page).
 */
export function ChatHeaderActions({ chat }: { chat: Chat }) {
  const t = useT();
  const [open, setOpen] = useState<'menu' | 'search' | null>(null);
  const focus = useFocusReturn();
  const close = () => {
    setOpen(null);
    focus.restore();
  };
  const blocked = useApp((s) => s.blocked[chat.peer.id] !== undefined);
  const blocking = useBlockConfirm(chat.peer, () => focus.restore());
  const blockItem = {
    label: t(blocked ? 'unblock' : 'block'),
    onSelect: () => {
      setOpen(null);
      if (!blocked) blocking.ask();
      else {
        focus.restore();
        void setBlocked(chat.peer, false).catch(() => undefined);
      }
    },
  };
  return (
    <div className="header-actions">
      {chat.muted && <BellOff label={t('mutedIcon')} />}
      <button
        type="button"
        className="icon-button"
        aria-label={t('searchInChat')}
        onClick={(e) => {
          focus.remember(e.currentTarget);
          setOpen('search');
        }}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="m20 20-4-4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={t('chatActions')}
        aria-haspopup="menu"
        aria-expanded={open === 'menu'}
        onClick={(e) => {
          focus.remember(e.currentTarget);
          setOpen('menu');
        }}
      >
        ⋯
      </button>
      {open === 'menu' && <ChatMenu onClose={close} items={[...pinMuteItems(chat, t, close), blockItem]} />}
      {blocking.confirming && blocking.dialog}
      {open === 'search' && <ChatSearchDialog chat={chat} onClose={close} onChosen={() => setOpen(null)} />}
    </div>
  );
}
