import { z } from 'zod';
import type { StateCreator } from 'zustand';
import { readStored, writeStored } from '../../lib/stored-json.ts';
import type { AppState } from '../app-store.ts';

/**
 * This device's notification choices (Settings): notifications on or off, whether they show the text ("Show message
 * preview"; off: only "New message", WeChat's "Notification details" switch), and a short sound. Kept in
 * localStorage like the language: they belong to the browser, and stay across sign-out. Turning notifications on
 * also needs the browser's permission and a push subscription: `stores/notify-actions.ts` does that.
 */
export interface NotificationPrefs {
  enabled: boolean;
  preview: boolean;
  sound: boolean;
}

export interface NotificationsSlice {
  notify: NotificationPrefs;
  setNotify: (change: Partial<NotificationPrefs>) => void;
}

const STORAGE_KEY = 'pairchat.notifications';
const DEFAULTS: NotificationPrefs = { enabled: false, preview: true, sound: false };
const StoredPrefsSchema = z.object({
  enabled: z.boolean().catch(DEFAULTS.enabled),
  preview: z.boolean().catch(DEFAULTS.preview),
  sound: z.boolean().catch(DEFAULTS.sound),
});

/** The saved choices; anything missing or unreadable in storage counts as the default. */
export function loadNotificationPrefs(): NotificationPrefs {
  return readStored(STORAGE_KEY, StoredPrefsSchema, DEFAULTS);
}

export const createNotificationsSlice: StateCreator<AppState, [], [], NotificationsSlice> = (set, get) => ({
  notify: typeof localStorage === 'undefined' ? DEFAULTS : loadNotificationPrefs(),
  setNotify: (change) => {
    const notify = { ...get().notify, ...change };
    set({ notify });
    // Storage unavailable: the choice lasts for this page only.
    writeStored(STORAGE_KEY, notify);
  },
});
