import { describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';
import { chat, msg, pendingMessage } from '../test-fixtures.ts';

describe('session slice', () => {
  it('signing out drops everything the session held, in every slice, and keeps the language', () => {
    const store = createAppStore();
    const s = store.getState;
    s().signedIn({ id: 'a', name: 'ana' });
    s().setLang('zh');
    s().setChats([chat('c1', '2026-01-01T00:00:00.000Z')], '2026-01-01T00:00:00.000Z');
    s().setActiveChat('c1');
    s().addMessages('c1', [msg(1)]);
    s().addPending(pendingMessage('p1'));
    s().presenceFromChatList(['peer-c1'], ['peer-c1']);
    s().typingFrom('peer-c1', 5);
    s().setView('settings');
    s().setStatus('open');
    s().setRuntime({ typingSentAt: 9 });

    s().signedOut();
    expect(s()).toMatchObject({
      me: null,
      authChecked: true,
      chats: [],
      activeChatId: null,
      histories: {},
      pending: {},
      online: {},
      typingUntil: {},
      view: 'chats',
      status: 'closed',
      lostConnection: false,
      socket: null,
      typingSentAt: 0,
      lang: 'zh',
    });
  });
});
