import { describe, expect, it } from 'vitest';
import { notificationPreview } from '../src/push.ts';

describe('notificationPreview', () => {
  it('shows text on one line, trimmed', () => {
    expect(notificationPreview({ content: '  lunch\n at\tnoon?  ' })).toBe('lunch at noon?');
    expect(notificationPreview({ content: '你好 👋', kind: 'text' })).toBe('你好 👋');
  });

  it('labels a media message by its kind, as WeChat does, whatever it carries as content', () => {
    expect(notificationPreview({ content: '', kind: 'image' })).toBe('[Photo]');
    expect(notificationPreview({ content: '', kind: 'file' })).toBe('[File]');
    expect(notificationPreview({ content: '', kind: 'voice' })).toBe('[Voice]');
  });
});
