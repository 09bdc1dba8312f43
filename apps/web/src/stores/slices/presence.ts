import type { StateCreator } from 'zustand';
import type { AppState } from '../app-store.ts';

/** How long "typing…" shows after a typing frame (the peer repeats it every few seconds while typing). */
export const TYPING_SHOWN_MS = 4000;

/**
 * Who is online and who is typing. Presence has one source: the chat list answer (`GET /api/chats` names which of
 * my chat-list peers are online now), kept current by `presence` frames. A person missing from `online` is unknown,
 * which is what makes a chat that just appeared ask for a chat-list refresh.
 */
export interface PresenceSlice {
  online: Record<string, boolean>;
  /** Until when (ms since epoch) each person shows as typing. */
  typingUntil: Record<string, number>;
  /** The chat list's answer: each of `peerIds` is online exactly when it is among `onlineIds`. */
  presenceFromChatList: (peerIds: readonly string[], onlineIds: readonly string[]) => void;
  /** One `presence` frame. */
  setOnline: (userId: string, online: boolean) => void;
  typingFrom: (userId: string, until: number) => void;
  typingStopped: (userId: string) => void;
}

export const presenceInitial = {
  online: {} as Record<string, boolean>,
  typingUntil: {} as Record<string, number>,
};

export const createPresenceSlice: StateCreator<AppState, [], [], PresenceSlice> = (set) => ({
  ...presenceInitial,
  presenceFromChatList: (peerIds, onlineIds) => {
    const now = new Set(onlineIds);
    set((s) => ({ online: { ...s.online, ...Object.fromEntries(peerIds.map((id) => [id, now.has(id)])) } }));
  },
  setOnline: (userId, online) => set((s) => ({ online: { ...s.online, [userId]: online } })),
  typingFrom: (userId, until) => set((s) => ({ typingUntil: { ...s.typingUntil, [userId]: until } })),
  typingStopped: (userId) =>
    set((s) => {
      if (!(userId in s.typingUntil)) return {};
      const { [userId]: _stop, ...typingUntil } = s.typingUntil;
      return { typingUntil };
    }),
});

/** Neither the chat list nor a frame has said whether this person is online: time to refresh the chat list. */
export function presenceUnknown(s: Pick<PresenceSlice, 'online'>, userId: string): boolean {
  return s.online[userId] === undefined;
}
