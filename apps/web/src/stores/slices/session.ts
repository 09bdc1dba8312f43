import type { User } from '@pairchat/schema';
import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';
import { accountInitial } from './account.ts';
import { chatsInitial } from './chats.ts';
import { connectionInitial } from './connection.ts';
import { contactsInitial } from './contacts.ts';
import { draftsInitial, loadDrafts } from './drafts.ts';
import { loadOutbox } from './outbox.ts';
import { messagesInitial } from './messages.ts';
import { presenceInitial } from './presence.ts';
import { uiInitial } from './ui.ts';
import { uploadsInitial } from './uploads.ts';

/** Who is signed in in this tab. */
export interface SessionSlice {
  me: User | null;
  /** The first "am I signed in?" answer has come (until then the app shows a splash, not the sign-in form). */
  authChecked: boolean;
  /** Signed in as `me`: their saved drafts come back. */
  signedIn: (me: User) => void;
  /**
   * Signed out, here or elsewhere (a 1008 close, a 401): every slice goes back to its empty state, so nothing the
   * session held stays in this tab. The language choice is the device's, not the session's, and stays.
   */
  signedOut: () => void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  me: null,
  authChecked: false,
  signedIn: (me) => set({ me, authChecked: true, drafts: loadDrafts(me.id), pending: loadOutbox(me.id, Date.now()) }),
  signedOut: () =>
    set({
      ...chatsInitial,
      ...messagesInitial,
      ...presenceInitial,
      ...connectionInitial,
      ...uiInitial,
      ...draftsInitial,
      ...uploadsInitial,
      ...contactsInitial,
      ...accountInitial,
      me: null,
      authChecked: true,
    }),
});
