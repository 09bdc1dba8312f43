import { useEffect, type RefObject } from 'react';
import { noteSeen } from '../../lib/read-mark.ts';
import { markActiveRead } from '../../stores/chat-actions.ts';

/** Fractions of a row in view at which the observer reports, fine enough for rows taller than the view. */
const THRESHOLDS = Array.from({ length: 11 }, (_, i) => i / 10);

/**
 * A row counts as shown once half of it is in view, or it fills half the view (a long message taller than the
 * screen never shows whole).
 */
function shown(e: IntersectionObserverEntry): boolean {
  if (!e.isIntersecting) return false;
  const view = e.rootBounds?.height ?? 0;
  return e.intersectionRatio >= 0.5 || (view > 0 && e.intersectionRect.height >= view / 2);
}

/**
 * Marks read only what has been in view: an IntersectionObserver over the rows with a seq (`data-seq`) inside
 * `scroller`; the highest seq shown while the page is visible becomes the read mark (lib/read-mark.ts). `rowsKey`
 * changes whenever rows are added, so new rows are observed.
 */
export function useReadMarks(scroller: RefObject<HTMLElement | null>, chatId: string, rowsKey: string): void {
  useEffect(() => {
    const root = scroller.current;
    if (!root) return;
    const inView = new Set<number>();
    const report = () => {
      if (document.visibilityState !== 'visible' || inView.size === 0) return;
      if (noteSeen(chatId, Math.max(...inView))) markActiveRead();
    };
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const seq = Number((e.target as HTMLElement).dataset.seq);
          if (shown(e)) inView.add(seq);
          else inView.delete(seq);
        }
        report();
      },
      { root, threshold: THRESHOLDS },
    );
    root.querySelectorAll('[data-seq]').forEach((row) => observer.observe(row));
    // Rows that were in view while the page was hidden count once it is shown again.
    document.addEventListener('visibilitychange', report);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', report);
    };
  }, [scroller, chatId, rowsKey]);
}
