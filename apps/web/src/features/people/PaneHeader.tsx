import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t.ts';
import { useApp } from '../../stores/app-store.ts';

/**
 * The title bar of a page shown beside the list (a person, the requests, adding someone, my account): its
 * level-one heading and, on a phone where the page covers the list, Back.
 */
export function PaneHeader({ title, children }: { title: string; children?: ReactNode }) {
  const t = useT();
  const setPanel = useApp((s) => s.setPanel);
  return (
    <header className="chat-header">
      <button type="button" className="back" aria-label={t('back')} onClick={() => setPanel(null)}>
        <span aria-hidden="true">‹</span>
      </button>
      <div className="chat-title">
        <h1 dir="auto">{title}</h1>
      </div>
      {children}
    </header>
  );
}
