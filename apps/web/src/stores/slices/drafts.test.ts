// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';
import { chat } from '../test-fixtures.ts';

const ana = { id: 'a', name: 'ana' };
const ben = { id: 'b', name: 'ben' };

beforeEach(() => {
  localStorage.clear();
});

describe('drafts slice', () => {
  it('a draft stays with its chat, survives a new page (reload), and is kept per signed-in user', () => {
    const tab = createAppStore().getState;
    tab().signedIn(ana);
    tab().setDraft('c1', 'half a thought');
    tab().setDraft('c2', '草稿 two');
    tab().setDraft('c2', '');
    expect(tab().drafts).toEqual({ c1: 'half a thought' });

    const reloaded = createAppStore().getState;
    reloaded().signedIn(ana);
    expect(reloaded().drafts).toEqual({ c1: 'half a thought' });

    reloaded().signedOut();
    expect(reloaded().drafts).toEqual({});
    reloaded().signedIn(ben);
    expect(reloaded().drafts).toEqual({});
    reloaded().signedOut();
    reloaded().signedIn(ana);
    expect(reloaded().drafts).toEqual({ c1: 'half a thought' });
  });

  it('deleting a chat drops its draft', () => {
    const s = createAppStore().getState;
    s().signedIn(ana);
    s().putChat(chat('c1', '2026-01-01T00:00:00.000Z'));
    s().setDraft('c1', 'never sent');
    s().removeChat('c1');
    expect(s().drafts).toEqual({});
    expect(localStorage.getItem('pairchat.drafts.a')).toBeNull();
  });

  it('what storage holds that is not a drafts record counts as no drafts', () => {
    const s = createAppStore().getState;
    for (const bad of ['not json', '[1,2]', '{"c1":5}']) {
      localStorage.setItem('pairchat.drafts.a', bad);
      s().signedIn(ana);
      expect(s().drafts).toEqual({});
    }
  });
});
