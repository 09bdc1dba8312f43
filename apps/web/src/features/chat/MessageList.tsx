import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Chat, Message } from '@pairchat/schema';
import { useShallow } from 'zustand/react/shallow';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { buildTimeline, timeLabel } from '../../lib/time.ts';
import { useApp } from '../../stores/app-store.ts';
import { loadPage } from '../../stores/chat-actions.ts';
import { useName } from '../people/use-name.ts';
import { MessageBubble } from './MessageBubble.tsx';
import { messageRows } from './message-rows.ts';
import { usePinnedBottom } from './use-pinned-bottom.ts';
import { useReadMarks } from './use-read-marks.ts';
import { useRovingRows } from './use-roving-rows.ts';

const NEAR_TOP_PX = 120;

/** The seq of the first of the peer's last `unread` messages: where a chat with unread messages opens. */
export function firstUnreadSeq(messages: readonly Message[], peerId: string, unread: number): number | undefined {
  if (unread <= 0) return undefined;
  const theirs = messages.filter((m) => m.from === peerId);
  return theirs[Math.max(0, theirs.length - unread)]?.seq;
}

/**
 * The conversation. It opens at the first unread message or else at the newest, keeps the bottom pinned while
 * it is in view, and marks read only what has been shown (see the hooks). Loading older messages at the top keeps
 * the view where it was; new messages from the peer when I am not at the bottom bring a "new messages" pill.
 */
export function MessageList({ chat }: { chat: Chat }) {
  const t = useT();
  const peerName = useName(chat.peer);
  const locale = useLocale();
  const { history, pendingAll, me, highlight } = useApp(
    useShallow((s) => ({
      history: s.histories[chat.id],
      pendingAll: s.pending,
      me: s.me,
      highlight: s.highlight?.chatId === chat.id ? s.highlight : null,
    })),
  );
  const rows = useMemo(
    () =>
      messageRows(
        history?.messages ?? [],
        Object.values(pendingAll).filter((p) => p.chatId === chat.id),
      ),
    [history?.messages, pendingAll, chat.id],
  );
  const timeline = useMemo(() => buildTimeline(rows, (r) => (r.stored ? r.stored.id : r.pending.clientId)), [rows]);

  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  // Unread when the chat was opened: the read marks sent while it is open must not move where it opens.
  const unreadAtOpen = useRef(chat.unread);
  const rowAt = (seq: number) => scroller.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`) ?? undefined;
  const { atBottom, onScrolled, scrollToBottom } = usePinnedBottom(scroller, content, rows.length > 0, () => {
    // A jump (search result, quote) opens at its message; the list then centres it (below).
    if (highlight) return rowAt(highlight.seq);
    const seq = firstUnreadSeq(history?.messages ?? [], chat.peer.id, unreadAtOpen.current);
    return seq === undefined
      ? undefined
      : (scroller.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`) ?? undefined);
  });
  const roving = useRovingRows();
  /** The row at the top of the view when older messages were asked for, and how far below the top it was. */
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const [showPill, setShowPill] = useState(false);
  const firstKey = rows[0] ? (rows[0].stored?.id ?? rows[0].pending?.clientId) : undefined;
  const last = rows[rows.length - 1];
  const lastKey = last ? (last.stored?.id ?? last.pending?.clientId) : undefined;
  const lastIsMine = last ? last.pending !== undefined || last.stored?.from === me?.id : false;
  useReadMarks(scroller, chat.id, `${firstKey}:${lastKey}:${rows.length}`);

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
  const shownLastKey = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    const opening = shownLastKey.current === undefined;
    shownLastKey.current = lastKey;
    if (lastKey === undefined || opening) return; // where it opens is usePinnedBottom's choice
    if (history?.hasNewer) return; // a window's newest is not the conversation's: a newer page came in below
    if (atBottom.current || lastIsMine) {
      scrollToBottom();
      setShowPill(false);
    } else {
      setShowPill(true);
    }
  }, [lastKey, lastIsMine, atBottom, scrollToBottom, history?.hasNewer]);

  // A jump landed here: centre its message (once per jump, as soon as its row is there) and let it glow.
  const centred = useRef(0);
  useLayoutEffect(() => {
    if (!highlight || centred.current === highlight.at) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-seq="${highlight.seq}"]`);
    if (!row) return;
    centred.current = highlight.at;
    row.scrollIntoView({ block: 'center' });
    onScrolled();
    setShowPill(false);
  }, [highlight, rows, onScrolled]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    if (onScrolled()) setShowPill(false);
    if (el.scrollTop < NEAR_TOP_PX && history?.hasOlder && !history.loadingOlder) {
      rememberTopRow(el);
      void loadPage(chat.id, 'older');
    }
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    if (fromBottom < NEAR_TOP_PX && history?.hasNewer && !history.loadingNewer) void loadPage(chat.id, 'newer');
  };

  // A short first page may not fill the pane, so no scroll event would ever ask for more.
  useEffect(() => {
    const el = scroller.current;
    if (!el || el.scrollHeight > el.clientHeight) return;
    if (history?.hasOlder && !history.loadingOlder) {
      rememberTopRow(el);
      void loadPage(chat.id, 'older');
    }
    if (history?.hasNewer && !history.loadingNewer) void loadPage(chat.id, 'newer');
  }, [history?.hasOlder, history?.loadingOlder, history?.hasNewer, history?.loadingNewer, chat.id, rows.length]);

  const yesterday = t('yesterday');
  return (
    <div className="message-area">
      <div
        className="messages"
        ref={scroller}
        onScroll={onScroll}
        onKeyDown={roving.onKeyDown}
        role="log"
        aria-label={peerName}
        aria-busy={!history?.loaded}
        tabIndex={0}
      >
        <div ref={content}>
          {history?.loadingOlder && <p className="system-note">{t('loadingOlder')}</p>}
          {history && !history.hasOlder && <p className="system-note">{t('startOfChat', { name: peerName })}</p>}
          {timeline.map((item) =>
            item.kind === 'message' ? (
              <MessageBubble
                key={item.key}
                rowKey={item.key}
                row={item.message}
                chat={chat}
                mine={item.message.pending !== undefined || item.message.stored?.from === me?.id}
                tabIndex={roving.tabIndexOf(item.key)}
                highlighted={highlight !== null && highlight.seq === item.message.stored?.seq}
              />
            ) : (
              <p key={item.key} className="time-label">
                <time dateTime={item.date}>{timeLabel(item.date, locale, yesterday)}</time>
              </p>
            ),
          )}
          {history?.loadingNewer && <p className="system-note">{t('loadingNewer')}</p>}
        </div>
      </div>
      {showPill && (
        <button
          type="button"
          className="pill"
          onClick={() => {
            scrollToBottom();
            setShowPill(false);
          }}
        >
          {t('newMessages')} ↓
        </button>
      )}
    </div>
  );
}
