import type { KeyboardEvent } from 'react';

/**
 * A chat's small menu (WAI-ARIA APG menu pattern): the first item takes the focus, ArrowUp and ArrowDown move
 * between items, Escape closes it.
 */
export function ChatMenu(props: { items: { label: string; onSelect: () => void }[]; onClose: () => void }) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // The keys it handles stop here: a message's menu sits inside the message list, which walks rows by arrow key.
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onClose();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    e.stopPropagation();
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = (at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    items[next]?.focus();
  };
  return (
    <div className="menu" role="menu" onKeyDown={onKeyDown}>
      {props.items.map((item, i) => (
        <button key={item.label} type="button" role="menuitem" autoFocus={i === 0} onClick={item.onSelect}>
          {item.label}
        </button>
      ))}
    </div>
  );
}
