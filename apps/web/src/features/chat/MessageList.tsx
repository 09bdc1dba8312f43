import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Chat, Message } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t.ts';
import { buildTimeline, clockTime, dayLabel } from '../../lib/time.ts';
import { useApp, type PendingMessage } from '../../stores/app-store.ts';
import { loadOlder } from '../../stores/actions.ts';
import { MessageBubble } from './MessageBubble.tsx';

export type Row =
  | { stored: Message; pending?: undefined; date: string }
  | { pending: PendingMessage; stored?: undefined; date: string };

const NEAR_BOTTOM_PX = 48;
const NEAR_TOP_PX = 120;

/**
 * The conversation. Rows far off screen are skipped by the browser (`content-visibility: auto`), so long
 * histories stay smooth. Loading older messages at the top keeps the view where it was; new messages scroll into
 * view only when I am at the bottom, otherwise a "new messages" pill appears.
 */
export function MessageList({ chat }: { chat: Chat }) {
  const t = useT();
  const { history, pendingAll, me, lang } = useApp(
    useShallow((s) => ({ history: s.histories[chat.id], pendingAll: s.pending, me: s.me, lang: s.lang })),
  );
  const rows = useMemo<Row[]>(() => {
    const stored: Row[] = (history?.messages ?? []).map((m) => ({ stored: m, date: m.date }));
    const pending: Row[] = Object.values(pendingAll)
      .filter((p) => p.chatId === chat.id)
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((p) => ({ pending: p, date: p.date }));
    return [...stored, ...pending];
  }, [history?.messages, pendingAll, chat.id]);
  const timeline = useMemo(() => buildTimeline(rows, (r) => (r.stored ? r.stored.id : r.pending.clientId)), [rows]);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  /** The row at the top of the view when older messages were asked for, and how far below the top it was. */
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const [showPill, setShowPill] = useState(false);
  const firstKey = rows[0] ? (rows[0].stored?.id ?? rows[0].pending?.clientId) : undefined;
  const last = rows[rows.length - 1];
  const lastKey = last ? (last.stored?.id ?? last.pending?.clientId) : undefined;
  const lastIsMine = last ? last.pending !== undefined || last.stored?.from === me?.id : false;

  // Older messages were put on top: put the row I was looking at back where it was. (The browser's own scroll
  // anchoring does not act at scrollTop 0, which is exactly where this happens.)
  useLayoutEffect(() => {
    const el = scroller.current;
    const saved = anchor.current;
    if (!el || !saved) return;
    const row = el.querySelector<HTMLElement>(`[data-key="${CSS.escape(saved.key)}"]`);
    if (row) el.scrollTop = row.offsetTop - saved.offset;
    anchor.current = null;
  }, [firstKey]);

  const rememberTopRow = (el: HTMLDivElement) => {
    const row = el.querySelector<HTMLElement>('[data-key]');
    anchor.current = row ? { key: row.dataset.key!, offset: row.offsetTop - el.scrollTop } : null;
  };

  // A new newest message: follow it if I was at the bottom (or sent it), else offer the pill.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || lastKey === undefined) return;
    if (atBottom.current || lastIsMine) {
      el.scrollTop = el.scrollHeight;
      setShowPill(false);
    } else {
      setShowPill(true);
    }
  }, [lastKey, lastIsMine]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom.current) setShowPill(false);
    if (el.scrollTop < NEAR_TOP_PX && history?.hasOlder && !history.loadingOlder) {
      rememberTopRow(el);
      void loadOlder(chat.id);
    }
  };

  // A short first page may not fill the pane, so no scroll event would ever ask for more.
  useEffect(() => {
    const el = scroller.current;
    if (el && history?.hasOlder && !history.loadingOlder && el.scrollHeight <= el.clientHeight) {
      rememberTopRow(el);
      void loadOlder(chat.id);
    }
  }, [history?.hasOlder, history?.loadingOlder, chat.id, rows.length]);

  return (
    <div className="message-area">
      <div className="messages" ref={scroller} onScroll={onScroll} role="log" aria-label={chat.peer.name} tabIndex={0}>
        {history?.loadingOlder && <p className="system-note">{t('loadingOlder')}</p>}
        {history && !history.hasOlder && <p className="system-note">{t('startOfChat', { name: chat.peer.name })}</p>}
        {timeline.map((item) =>
          item.kind === 'day' ? (
            <p key={item.key} className="time-label day">
              <time dateTime={item.date}>
                {dayLabel(item.date, lang)} {clockTime(item.date, lang)}
              </time>
            </p>
          ) : item.kind === 'time' ? (
            <p key={item.key} className="time-label">
              <time dateTime={item.date}>{clockTime(item.date, lang)}</time>
            </p>
          ) : (
            <MessageBubble
              key={item.key}
              rowKey={item.key}
              row={item.message}
              chat={chat}
              mine={item.message.pending !== undefined || item.message.stored?.from === me?.id}
            />
          ),
        )}
      </div>
      {showPill && (
        <button
          type="button"
          className="pill"
          onClick={() => {
            const el = scroller.current;
            if (el) el.scrollTop = el.scrollHeight;
            setShowPill(false);
          }}
        >
          {t('newMessages')} ↓
        </button>
      )}
    </div>
  );
}
