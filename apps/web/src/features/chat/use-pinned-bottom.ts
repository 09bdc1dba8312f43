import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/** Within this many pixels of the end, the view counts as at the bottom. */
const NEAR_BOTTOM_PX = 48;

/**
 * Where the conversation's view is. It opens once, when there are rows: at `openAt()` (the first unread row,
 * put at the top with the rest below) or, when that is undefined, at the very bottom. While the bottom is in
 * view it stays pinned there as rows are added and as they lay out: a ResizeObserver on the content and on the
 * view itself, so long texts, images and a growing composer never leave it short. Every row is laid out for
 * real (no `content-visibility` with guessed sizes), so heights are measured, never estimated.
 */
export function usePinnedBottom(
  scroller: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
  hasRows: boolean,
  openAt: () => HTMLElement | undefined,
) {
  const atBottom = useRef(true);
  const opened = useRef(false);

  const scrollToBottom = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    atBottom.current = true;
  }, [scroller]);

  /** Call on every scroll: whether the bottom is in view decides whether it stays pinned. */
  const onScrolled = useCallback(() => {
    const el = scroller.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    return atBottom.current;
  }, [scroller]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (opened.current || !hasRows || !el) return;
    opened.current = true;
    const row = openAt();
    if (!row) return scrollToBottom();
    // The label above the first unread (its time or day) belongs with it.
    const prev = row.previousElementSibling;
    const top = prev?.classList.contains('time-label') ? (prev as HTMLElement) : row;
    el.scrollTop += top.getBoundingClientRect().top - el.getBoundingClientRect().top - 8;
    onScrolled();
  });

  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner) return;
    const observer = new ResizeObserver(() => {
      if (opened.current && atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(inner);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller, content]);

  return { atBottom, onScrolled, scrollToBottom };
}
