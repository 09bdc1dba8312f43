import { useEffect, type RefObject } from 'react';

/** The chat whose composer should take the focus as soon as its pane shows; null when none was asked for. */
let wanted: string | null = null;
const panes = new Set<() => void>();

/**
 * Asks for the composer of a chat to be focused once its pane is shown (at once, if it is): opening a chat with
 * the keyboard puts you where you type, as WeChat does.
 */
export function focusComposerOf(chatId: string): void {
  wanted = chatId;
  for (const check of panes) check();
}

/** For a chat pane: focuses the text box inside `box` when its chat was asked for. */
export function useComposerFocus(chatId: string, box: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const check = () => {
      const input = box.current?.querySelector<HTMLElement>(
        'textarea, input:not([type="file"]), [contenteditable="true"]',
      );
      if (wanted !== chatId || !input) return;
      wanted = null;
      input.focus();
    };
    panes.add(check);
    check();
    return () => {
      panes.delete(check);
    };
  }, [chatId, box]);
}
