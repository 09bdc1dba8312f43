import { create } from 'zustand';
import { createAccountSlice, type AccountSlice } from './slices/account.ts';
import { createChatsSlice, type ChatsSlice } from './slices/chats.ts';
import { createConnectionSlice, type ConnectionSlice } from './slices/connection.ts';
import { createContactsSlice, type ContactsSlice } from './slices/contacts.ts';
import { createDraftsSlice, type DraftsSlice } from './slices/drafts.ts';
import { createMessagesSlice, type MessagesSlice } from './slices/messages.ts';
import { createNotificationsSlice, type NotificationsSlice } from './slices/notifications.ts';
import { createPresenceSlice, type PresenceSlice } from './slices/presence.ts';
import { createSessionSlice, type SessionSlice } from './slices/session.ts';
import { createUiSlice, type UiSlice } from './slices/ui.ts';
import { createUploadsSlice, type UploadsSlice } from './slices/uploads.ts';

export type { ChatHistory, PendingMessage } from './slices/messages.ts';
export type { Panel, View } from './slices/ui.ts';
export type { UploadItem } from './slices/uploads.ts';

/** The whole web state: one zustand store made of slices (the zustand docs' slices pattern). */
export type AppState = SessionSlice &
  ChatsSlice &
  MessagesSlice &
  PresenceSlice &
  ConnectionSlice &
  UiSlice &
  DraftsSlice &
  NotificationsSlice &
  UploadsSlice &
  ContactsSlice &
  AccountSlice;

/** A fresh store; the app uses the one below, tests make their own. */
export function createAppStore() {
  return create<AppState>()((...a) => ({
    ...createSessionSlice(...a),
    ...createChatsSlice(...a),
    ...createMessagesSlice(...a),
    ...createPresenceSlice(...a),
    ...createConnectionSlice(...a),
    ...createUiSlice(...a),
    ...createDraftsSlice(...a),
    ...createNotificationsSlice(...a),
    ...createUploadsSlice(...a),
    ...createContactsSlice(...a),
    ...createAccountSlice(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useApp = createAppStore();

/**
 * Unread across chats, for the title, the favicon and the rail. The open chat counts only while the page is
 * hidden: a message that arrives there then is not seen until the person comes back (WeChat's badge behaves the
 * same way). A muted chat keeps its own count but adds nothing here (the contract; WeChat's "Mute Notifications").
 */
export function totalUnread(s: Pick<AppState, 'chats' | 'activeChatId' | 'visible'>): number {
  return s.chats.reduce((n, c) => n + (c.muted || (c.id === s.activeChatId && s.visible) ? 0 : c.unread), 0);
}
