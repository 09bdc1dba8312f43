import type { Chat } from '@pairchat/schema';
import { useT } from '../../i18n/use-t.ts';
import { retry } from '../../stores/actions.ts';
import { Avatar } from '../Avatar.tsx';
import { MessageText } from './MessageText.tsx';
import type { Row } from './MessageList.tsx';

/** One message, a row of the list that the keyboard walks (`tabIndex`). Its text is never rendered as HTML. */
export function MessageBubble(props: { row: Row; rowKey: string; chat: Chat; mine: boolean; tabIndex: number }) {
  const { row, rowKey, chat, mine } = props;
  const t = useT();
  const content = row.stored ? row.stored.content : row.pending.content;
  const read = row.stored !== undefined && mine && row.stored.seq <= chat.peerReadSeq;
  const senderId = mine ? (row.stored?.from ?? '') : chat.peer.id;
  const senderName = mine ? (row.stored?.name ?? '') : chat.peer.name;
  return (
    <div
      className={`row ${mine ? 'mine' : 'theirs'}`}
      data-key={rowKey}
      data-seq={row.stored?.seq}
      data-status={row.pending?.status ?? (read ? 'read' : 'sent')}
      tabIndex={props.tabIndex}
    >
      {!mine && <Avatar id={senderId} name={senderName} size={34} />}
      <div className="bubble-wrap">
        <div className="bubble" dir="auto">
          <MessageText text={content} />
        </div>
        {mine && (
          <div className="meta">
            {row.pending?.status === 'pending' && <span className="pending" aria-label={t('pending')} role="img" />}
            {row.pending?.status === 'failed' && (
              <button type="button" className="retry" onClick={() => retry(row.pending!.clientId)}>
                <span aria-hidden="true">!</span> {t('failed')} · {t('retry')}
              </button>
            )}
            {read && <span className="read-tick">✓ {t('read')}</span>}
          </div>
        )}
      </div>
    </div>
  );
}
