// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';
import { chat, msg, pendingMessage } from '../test-fixtures.ts';
import { ACK_TIMEOUT_MS } from './messages.ts';

const ana = { id: 'a', name: 'ana' };
const ben = { id: 'b', name: 'ben' };

beforeEach(() => {
  localStorage.clear();
});

describe('the outbox across a reload', () => {
  it('keeps my messages without an ack: on their way (with a fresh deadline), failed, refused with its reason', () => {
    const tab = createAppStore().getState;
    tab().signedIn(ana);
    tab().addPending(pendingMessage('going', { sentAt: 1000 }));
    tab().addPending(pendingMessage('timed-out'));
    tab().failed('timed-out');
    tab().addPending(pendingMessage('refused'));
    tab().failed('refused', 'blocked');
    tab().addPending(pendingMessage('acked'));
    tab().acked('acked', msg(1));

    const before = Date.now();
    const reloaded = createAppStore().getState;
    reloaded().signedIn(ana);
    const { going, ...rest } = reloaded().pending;
    expect(going).toMatchObject({ status: 'pending' });
    expect(going!.sentAt).toBeGreaterThanOrEqual(before);
    expect(rest).toEqual({
      'timed-out': { ...pendingMessage('timed-out'), status: 'failed' },
      refused: { ...pendingMessage('refused'), status: 'failed', refused: 'blocked' },
    });
    // Not overdue at once: it goes out again once connected, and only then waits for its ack.
    reloaded().setStatus('open');
    reloaded().expirePending(before + ACK_TIMEOUT_MS - 1);
    expect(reloaded().pending.going?.status).toBe('pending');

    // Another person in the same browser does not see them.
    reloaded().signedOut();
    reloaded().signedIn(ben);
    expect(reloaded().pending).toEqual({});
  });

  it('two tabs of one person each keep their own messages in the shared entry', () => {
    const one = createAppStore().getState;
    const two = createAppStore().getState;
    one().signedIn(ana);
    two().signedIn(ana);
    one().addPending(pendingMessage('from-one'));
    two().addPending(pendingMessage('from-two'));
    const afterBoth = createAppStore().getState;
    afterBoth().signedIn(ana);
    expect(Object.keys(afterBoth().pending).sort()).toEqual(['from-one', 'from-two']);

    // An ack in one tab takes only its own message out.
    one().acked('from-one', msg(1));
    const reloaded = createAppStore().getState;
    reloaded().signedIn(ana);
    expect(Object.keys(reloaded().pending)).toEqual(['from-two']);
  });

  it('forgets a deleted chat’s messages, and counts unreadable storage as nothing', () => {
    const tab = createAppStore().getState;
    tab().signedIn(ana);
    tab().putChat(chat('c1', '2026-01-01T00:00:00.000Z'));
    tab().addPending(pendingMessage('x', { chatId: 'c1' }));
    tab().addPending(pendingMessage('y', { chatId: 'c2' }));
    tab().removeChat('c1');
    const reloaded = createAppStore().getState;
    reloaded().signedIn(ana);
    expect(Object.keys(reloaded().pending)).toEqual(['y']);

    localStorage.setItem('pairchat.outbox.a', '{"x": {"clientId": 5}}');
    const broken = createAppStore().getState;
    broken().signedIn(ana);
    expect(broken().pending).toEqual({});
  });
});
