import type { KeyboardEvent } from 'react';
import type { Chat } from '@pairchat/schema';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { messagePreview } from '../../lib/message-preview.ts';
import { shortTime } from '../../lib/time.ts';
import { openChat } from '../../stores/chat-actions.ts';
import { Avatar } from '../Avatar.tsx';
import { focusComposerOf } from '../chat/composer-focus.ts';
import { useName } from '../people/use-name.ts';
import { BellOff } from './BellOff.tsx';

/**
 * One chat box in the list. Its button is named by the person and described by the last message, its time and
 * the unread count, so a screen reader says all a sighted person sees; the whole entry is its click target. A
 * pinned chat is tinted; a muted one shows a bell-off icon and a grey dot instead of its count (WeChat's 消息免打扰).
 */
export function ChatEntry(props: {
  chat: Chat;
  active: boolean;
  online: boolean;
  meId: string | undefined;
  draft: string;
  menuOpen: boolean;
  onMenu: (opener: HTMLElement) => void;
  children?: React.ReactNode;
}) {
  const { chat, active } = props;
  const t = useT();
  const locale = useLocale();
  const name = useName(chat.peer);
  const unread = active ? 0 : chat.unread;
  const last = chat.lastMessage;
  const preview = last ? messagePreview(last.from === chat.peer.id ? { ...last, name } : last, props.meId, t) : null;
  const draft = props.draft;
  const id = `chat-${chat.id}`;
  const described = [(last || draft) && `${id}-last`, last && `${id}-time`, unread > 0 && `${id}-unread`];
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    focusComposerOf(chat.id);
    void openChat(chat.id);
  };
  return (
    <li
      className={`chat-item${active ? ' active' : ''}${chat.pinned ? ' pinned' : ''}`}
      onContextMenu={(e) => {
        e.preventDefault();
        const opener = e.currentTarget.querySelector<HTMLElement>('.chat-open');
        if (opener) props.onMenu(opener);
      }}
    >
      <Avatar user={chat.peer} online={props.online} />
      <span className="chat-text">
        <span className="chat-top">
          <button
            type="button"
            className="chat-open"
            dir="auto"
            aria-current={active}
            aria-describedby={described.filter(Boolean).join(' ') || undefined}
            onClick={() => void openChat(chat.id)}
            onKeyDown={onKeyDown}
          >
            {name}
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
          ) : preview && last ? (
            <>
              {preview.prefixed && last.from === props.meId && `${t('you')}: `}
              <span dir="auto">{preview.text}</span>
            </>
          ) : (
            '\u00a0'
          )}
          {chat.muted && <BellOff label={t('mutedIcon')} />}
        </span>
      </span>
      {unread > 0 &&
        (chat.muted ? (
          <span className="muted-dot" role="img" id={`${id}-unread`} aria-label={t('mutedUnread')} />
        ) : (
          <span className="badge" role="img" id={`${id}-unread`} aria-label={t('unread', { count: unread })}>
            {unread > 99 ? '99+' : unread}
          </span>
        ))}
      <button
        type="button"
        className="chat-menu-button"
        aria-label={t('moreActions', { name })}
        aria-haspopup="menu"
        aria-expanded={props.menuOpen}
        onClick={(e) => props.onMenu(e.currentTarget)}
      >
        ⋯
      </button>
      {props.children}
    </li>
  );
}
