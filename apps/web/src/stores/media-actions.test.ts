import { describe, expect, it } from 'vitest';
import { kindOf } from './media-actions.ts';

const base = { id: 'm1', name: 'a', mime: 'image/png', size: 10 };

describe('kindOf', () => {
  it('sends what the server measured as an image as a photo, anything else as a file, a recording as voice', () => {
    expect(kindOf({ ...base, width: 10, height: 20 }, false)).toBe('image');
    expect(kindOf({ ...base, mime: 'image/svg+xml' }, false)).toBe('file');
    expect(kindOf({ ...base, mime: 'application/pdf' }, false)).toBe('file');
    expect(kindOf({ ...base, mime: 'audio/webm', durationMs: 3000 }, true)).toBe('voice');
  });
});
