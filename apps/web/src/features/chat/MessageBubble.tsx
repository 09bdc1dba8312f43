import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Chat, Message, RefusalReason } from '@pairchat/schema';
import type { MessageKey } from '../../i18n/index.ts';
import { useT } from '../../i18n/use-t.ts';
import { messagePreview } from '../../lib/message-preview.ts';
import { retry } from '../../stores/chat-actions.ts';
import { useApp } from '../../stores/app-store.ts';
import { reEdit } from '../../stores/message-actions.ts';
import { Avatar } from '../Avatar.tsx';
import { useName } from '../people/use-name.ts';
import { MediaContent } from '../media/MediaContent.tsx';
import { useFocusReturn } from '../use-focus-return.ts';
import { MessageActions } from './MessageActions.tsx';
import type { Row } from './message-rows.ts';
import { MessageText } from './MessageText.tsx';
import { Quote } from './Quote.tsx';
import { useLongPress } from './use-long-press.ts';

/** What a bubble refused for good says under it (WeChat's 消息已发出，但被对方拒收了 for a block). */
const REFUSED_TEXT: Record<RefusalReason, MessageKey> = {
  blocked: 'refusedBlocked',
  not_contact: 'refusedNotContact',
  deleted: 'refusedDeleted',
};

/**
 * One message, a row of the list that the keyboard walks (`tabIndex`). Its text is never rendered as HTML. A
 * stored message has a menu: right-click, a long press on touch, the ⋯ button, or the context-menu key (or
 * Shift+F10) on the focused row. A recalled one is a line in the middle, as WeChat shows it, with "Re-edit" for
 * the sender in the tab that recalled it.
 */
export function MessageBubble(props: {
  row: Row;
  rowKey: string;
  chat: Chat;
  mine: boolean;
  tabIndex: number;
  highlighted: boolean;
}) {
  const { row, rowKey, chat, mine } = props;
  const t = useT();
  const me = useApp((s) => s.me);
  const peerName = useName(chat.peer);
  const canReEdit = useApp((s) => (row.stored ? s.recalledTexts[row.stored.id] !== undefined : false));
  const [menuOpen, setMenuOpen] = useState(false);
  const focus = useFocusReturn();
  const rowRef = useRef<HTMLDivElement>(null);
  const openMenu = (opener: HTMLElement | null) => {
    focus.remember(opener ?? rowRef.current);
    setMenuOpen(true);
  };
  const menuButton = () => rowRef.current?.querySelector<HTMLElement>('.message-menu-button') ?? null;
  const longPress = useLongPress(() => row.stored && openMenu(menuButton()));
  const stored: Message | undefined = row.stored;

  if (stored?.recalled) {
    return (
      <div className="row recalled" ref={rowRef} data-key={rowKey} data-seq={stored.seq} tabIndex={props.tabIndex}>
        <p className="system-note">
          {messagePreview(stored.from === chat.peer.id ? { ...stored, name: peerName } : stored, me?.id, t).text}
          {canReEdit && (
            <button type="button" className="link-button" onClick={() => reEdit(chat.id, stored.id)}>
              {t('reEdit')}
            </button>
          )}
        </p>
      </div>
    );
  }

  const content = row.stored ? row.stored.content : row.pending.content;
  const quote = row.stored ? row.stored.replyTo : row.pending.replyTo;
  const kind = (row.stored ? row.stored.kind : row.pending.kind) ?? 'text';
  const media = (row.stored ? row.stored.media : row.pending.media) ?? null;
  const read = stored !== undefined && mine && stored.seq <= chat.peerReadSeq;
  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    if (!stored || (e.target as Element).closest('dialog, [role="menu"]')) return;
    e.preventDefault();
    openMenu(menuButton());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!stored || e.target !== e.currentTarget) return;
    if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      openMenu(e.currentTarget);
    }
  };
  return (
    <div
      ref={rowRef}
      className={`row ${mine ? 'mine' : 'theirs'}${props.highlighted ? ' highlighted' : ''}`}
      data-key={rowKey}
      data-seq={stored?.seq}
      data-status={row.pending?.refused ? 'refused' : (row.pending?.status ?? (read ? 'read' : 'sent'))}
      tabIndex={props.tabIndex}
      onContextMenu={onContextMenu}
      onKeyDown={onKeyDown}
      {...longPress}
    >
      {!mine && <Avatar user={chat.peer} size={34} />}
      <div className="bubble-wrap">
        <div className={`bubble${media ? ` media ${kind}` : ''}`} dir="auto">
          {media ? <MediaContent chatId={chat.id} kind={kind} media={media} /> : <MessageText text={content} />}
        </div>
        {quote && <Quote chatId={chat.id} quote={quote} />}
        {stored && (
          <MessageActions
            chat={chat}
            message={stored}
            mine={mine}
            open={menuOpen}
            onOpen={openMenu}
            onClose={(returnFocus) => {
              setMenuOpen(false);
              if (returnFocus) focus.restore();
            }}
          />
        )}
        {mine && (
          <div className="meta">
            {row.pending?.status === 'pending' && <span className="pending" aria-label={t('pending')} role="img" />}
            {row.pending?.status === 'failed' && !row.pending.refused && (
              <button type="button" className="retry" onClick={() => retry(row.pending!.clientId)}>
                <span aria-hidden="true">!</span> {t('failed')} · {t('retry')}
              </button>
            )}
            {row.pending?.refused && (
              <span className="refused-mark" aria-hidden="true">
                !
              </span>
            )}
            {read && <span className="read-tick">✓ {t('read')}</span>}
          </div>
        )}
        {mine && row.pending?.refused && <p className="system-note refused">{t(REFUSED_TEXT[row.pending.refused])}</p>}
      </div>
    </div>
  );
}
