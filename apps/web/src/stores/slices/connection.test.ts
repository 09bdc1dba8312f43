import { describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';

describe('connection slice', () => {
  it('the banner shows from a drop until the catch-up after it is done, not on the first connect', () => {
    const s = createAppStore().getState;
    s().signedIn({ id: 'a', name: 'ana' });
    s().setStatus('connecting');
    s().setStatus('open');
    expect(s().lostConnection).toBe(false);
    s().setStatus('closed');
    expect(s().lostConnection).toBe(true);
    s().setStatus('open');
    s().setCatchingUp(true);
    expect(s().lostConnection).toBe(true);
    s().setCatchingUp(false);
    expect(s().lostConnection).toBe(false);
  });
});
