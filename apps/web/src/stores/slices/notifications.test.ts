// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';
import { loadNotificationPrefs } from './notifications.ts';

describe('notifications slice', () => {
  beforeEach(() => localStorage.clear());

  it('starts off, with preview on and sound off', () => {
    expect(createAppStore().getState().notify).toEqual({ enabled: false, preview: true, sound: false });
  });

  it('keeps the choices for the next load and across sign-out', () => {
    const store = createAppStore();
    store.getState().signedIn({ id: 'a', name: 'ana' });
    store.getState().setNotify({ enabled: true, preview: false });
    store.getState().signedOut();
    expect(store.getState().notify).toEqual({ enabled: true, preview: false, sound: false });
    expect(createAppStore().getState().notify).toEqual({ enabled: true, preview: false, sound: false });
  });

  it('reads anything unreadable in storage as the defaults, field by field', () => {
    localStorage.setItem('pairchat.notifications', 'not json');
    expect(loadNotificationPrefs()).toEqual({ enabled: false, preview: true, sound: false });
    localStorage.setItem('pairchat.notifications', JSON.stringify({ enabled: 'yes', sound: true }));
    expect(loadNotificationPrefs()).toEqual({ enabled: false, preview: true, sound: true });
  });
});
