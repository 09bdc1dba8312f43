import { useCallback, useRef } from 'react';

/**
 * Focus goes back where it came from when a menu or dialog closes (WAI-ARIA APG, menu button and modal dialog
 * patterns): `remember` the opener when opening, `restore` when closing without a choice that removes it.
 */
export function useFocusReturn() {
  const opener = useRef<HTMLElement | null>(null);
  const remember = useCallback((el: HTMLElement | null) => {
    opener.current = el;
  }, []);
  const restore = useCallback(() => {
    const el = opener.current;
    opener.current = null;
    // After React has removed the menu or dialog, which may have held the focus.
    requestAnimationFrame(() => {
      if (el?.isConnected) el.focus();
    });
  }, []);
  return { remember, restore };
}
