import type { Session } from '@pairchat/schema';
import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';

/** My account's signed-in browsers (`GET /api/me/sessions`), for the Account page; fetched when it opens. */
export interface AccountSlice {
  /** Most recently seen first; null until fetched. */
  sessions: Session[] | null;
  setSessions: (sessions: Session[]) => void;
  /** One session ended (signed out from here): it leaves the list. */
  sessionEnded: (sessionId: string) => void;
}

export const accountInitial = { sessions: null as Session[] | null };

export const createAccountSlice: StateCreator<AppState, [], [], AccountSlice> = (set) => ({
  ...accountInitial,
  setSessions: (sessions) => set({ sessions }),
  sessionEnded: (sessionId) => set((s) => ({ sessions: s.sessions?.filter((x) => x.id !== sessionId) ?? null })),
});
