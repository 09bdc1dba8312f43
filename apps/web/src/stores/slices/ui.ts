import type { User } from '@pairchat/schema';
import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';
import { detectLang, type Lang } from '../../i18n/index.ts';

export type View = 'chats' | 'contacts' | 'settings';

/**
 * A page shown beside the list instead of a chat (on a phone, over it), as WeChat's desktop client shows a contact's
 * card beside Contacts: a person's page, the requests (新的朋友), adding someone, my account.
 */
export type Panel = { kind: 'person'; user: User } | { kind: 'requests' } | { kind: 'add' } | { kind: 'account' };

/** The tab each panel belongs to: it shows only while that tab is chosen. */
export const PANEL_VIEW: Record<Panel['kind'], View> = {
  person: 'contacts',
  requests: 'contacts',
  add: 'contacts',
  account: 'settings',
};

/** What the screen shows and whether the person can see it. */
export interface UiSlice {
  view: View;
  lang: Lang;
  /**
   * The page is visible (Page Visibility API). Only then is the open chat "seen": it is marked read and left out of
   * the unread total in the title. The app feeds this from `visibilitychange`.
   */
  visible: boolean;
  /**
   * The message a jump landed on (a search result, a quote): the list scrolls it into view and highlights it.
   * `at` tells two jumps to the same message apart.
   */
  highlight: { chatId: string; seq: number; at: number } | null;
  /** The photo open in the full-size viewer: a media id of a chat's image message. */
  viewing: { chatId: string; mediaId: string } | null;
  panel: Panel | null;
  setPanel: (panel: Panel | null) => void;
  setView: (view: View) => void;
  setHighlight: (highlight: UiSlice['highlight']) => void;
  setViewing: (viewing: UiSlice['viewing']) => void;
  setLang: (lang: Lang) => void;
  setVisible: (visible: boolean) => void;
}

export const uiInitial = {
  view: 'chats' as View,
  highlight: null as UiSlice['highlight'],
  viewing: null as UiSlice['viewing'],
  panel: null as Panel | null,
};

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  ...uiInitial,
  lang: detectLang(),
  visible: typeof document === 'undefined' || document.visibilityState === 'visible',
  setView: (view) => set({ view }),
  setPanel: (panel) => set({ panel }),
  setHighlight: (highlight) => set({ highlight }),
  setViewing: (viewing) => set({ viewing }),
  setLang: (lang) => {
    try {
      localStorage.setItem('pairchat.lang', lang);
    } catch {
      // storage may be unavailable (private mode): the choice lasts for this page only
    }
    set({ lang });
  },
  setVisible: (visible) => set({ visible }),
});
