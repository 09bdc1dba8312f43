import { useRef, type PointerEvent } from 'react';

/** How long a finger rests on a message before its menu opens (about what iOS and Android use for a long press). */
export const LONG_PRESS_MS = 500;
/** A finger that moves further than this is scrolling, not pressing. */
const SLOP_PX = 10;

/**
 * A long press by touch (WeChat's way to reach a message's actions on a phone): pointer handlers for the element,
 * which call `onLongPress` once the finger has rested `LONG_PRESS_MS` without moving away. Mouse and pen keep
 * their right-click (`contextmenu`).
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    start.current = null;
  };
  return {
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      // Not from a dialog the element opened (a <dialog> is in the top layer, but its events still bubble here).
      if (e.pointerType !== 'touch' || (e.target as Element).closest('dialog')) return;
      cancel();
      start.current = { x: e.clientX, y: e.clientY };
      timer.current = setTimeout(() => {
        cancel();
        onLongPress();
      }, LONG_PRESS_MS);
    },
    onPointerMove: (e: PointerEvent<HTMLElement>) => {
      const at = start.current;
      if (at && Math.hypot(e.clientX - at.x, e.clientY - at.y) > SLOP_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
  };
}
