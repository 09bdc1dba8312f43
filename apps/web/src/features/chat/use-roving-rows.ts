import { useState, type KeyboardEvent } from 'react';

const KEYS = new Set(['ArrowUp', 'ArrowDown', 'Home', 'End']);

/**
 * Walking the message list by keyboard (WAI-ARIA APG, roving tabindex): from the list or a row, ArrowUp and
 * ArrowDown move between rows, Home and End to the first and last; the row last walked to is the one Tab
 * comes back to. Rows are the elements with `data-key`.
 */
export function useRovingRows() {
  const [current, setCurrent] = useState<string | null>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (!KEYS.has(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    // Only from the list or a row itself: keys in a row's menu or dialog (a text box, a menu) are theirs.
    const from = e.target as HTMLElement;
    if (from !== e.currentTarget && !from.hasAttribute('data-key')) return;
    const rows = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-key]')];
    if (rows.length === 0) return;
    const at = rows.indexOf(document.activeElement as HTMLElement);
    const last = rows.length - 1;
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End' || at < 0
          ? last
          : e.key === 'ArrowUp'
            ? Math.max(0, at - 1)
            : Math.min(last, at + 1);
    e.preventDefault();
    const row = rows[next]!;
    row.focus();
    setCurrent(row.dataset.key ?? null);
  };
  /** The row's tabIndex: 0 for the row walked to last, -1 for the others (still focusable by the keys). */
  const tabIndexOf = (key: string) => (key === current ? 0 : -1);
  return { onKeyDown, tabIndexOf };
}
