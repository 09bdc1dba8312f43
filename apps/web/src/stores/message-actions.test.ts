import type { Message } from '@pairchat/schema';
import { describe, expect, it } from 'vitest';
import { forwardBody } from './message-actions.ts';

const message = (over: Partial<Message>): Message => ({
  id: 'm1',
  seq: 1,
  chatKey: 'a_b',
  from: 'a',
  to: 'b',
  name: 'ana',
  kind: 'text',
  content: 'hello',
  media: null,
  replyTo: null,
  recalled: false,
  date: '2026-11-30T12:00:00.000Z',
  clientId: 'c1',
  ...over,
});

describe('forwardBody', () => {
  it('forwards a text as text, without the control characters a message may no longer hold', () => {
    expect(forwardBody(message({ content: 'hi' }))).toEqual({ content: 'hi' });
    // Stored before they were refused: the server would now answer 400, and the forward could never pass.
    expect(forwardBody(message({ content: 'legacy \u0007bell\tand tab' }))).toEqual({
      content: 'legacy bell\tand tab',
    });
  });

  it('forwards media by id, with its kind', () => {
    const media = { id: 'p1', name: 'a.png', mime: 'image/png', size: 10, width: 1, height: 1 };
    expect(forwardBody(message({ kind: 'image', content: '', media }))).toEqual({ kind: 'image', mediaId: 'p1' });
  });
});
