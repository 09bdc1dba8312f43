import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';
import type { Connection, ConnectionStatus } from '../../socket/connection.ts';

/**
 * This tab's link to the server: the socket and the timers that live as long as the session does. They are held
 * here, not in module variables, so signing out (here or in another tab) ends all of them in one place.
 */
export interface ConnectionSlice {
  status: ConnectionStatus;
  catchingUp: boolean;
  /** The socket dropped after being open, and the catch-up after it is not done yet: the banner shows. */
  lostConnection: boolean;
  socket: Connection | null;
  /** The once-a-second check that marks overdue sends as failed. */
  ackTicker: ReturnType<typeof setInterval> | null;
  /** A chat-list refresh is scheduled (several unknown peers in a burst of frames make one fetch). */
  chatListRefresh: ReturnType<typeof setTimeout> | null;
  /** When I last told a peer I am typing (ms since epoch); typing frames go out at most every few seconds. */
  typingSentAt: number;
  setStatus: (status: ConnectionStatus) => void;
  setCatchingUp: (on: boolean) => void;
  setRuntime: (
    runtime: Partial<Pick<ConnectionSlice, 'socket' | 'ackTicker' | 'chatListRefresh' | 'typingSentAt'>>,
  ) => void;
}

export const connectionInitial = {
  status: 'closed' as ConnectionStatus,
  catchingUp: false,
  lostConnection: false,
  socket: null,
  ackTicker: null,
  chatListRefresh: null,
  typingSentAt: 0,
};

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  ...connectionInitial,
  setStatus: (status) =>
    set((s) => ({ status, lostConnection: s.lostConnection || (status === 'closed' && s.me !== null) })),
  setCatchingUp: (catchingUp) => set((s) => ({ catchingUp, lostConnection: catchingUp ? s.lostConnection : false })),
  setRuntime: (runtime) => set(runtime),
});
