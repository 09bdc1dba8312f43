import { describe, expect, it } from 'vitest';
import { linkParts, safeHref } from './links.ts';

describe('linkParts', () => {
  it('finds web and e-mail addresses, keeping every character of the message', () => {
    const text = 'see https://example.com/a?b=1, www.example.org or ana@example.com!';
    const parts = linkParts(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.href).map((p) => p.href)).toEqual([
      'https://example.com/a?b=1',
      'http://www.example.org',
      'mailto:ana@example.com',
    ]);
  });

  it('never links javascript:, data:, file: or ftp: addresses, nor the tail of one', () => {
    for (const text of [
      'javascript:alert(1)',
      'javascript://example.com/%0aalert(1)',
      'JavaScript://x.com',
      'data:text/html,hi',
      'file:///etc/passwd',
      'ftp://a.com',
      'vbscript://a.com',
    ]) {
      expect(linkParts(text), text).toEqual([{ text }]);
    }
  });

  it('plain text is one part, and the empty message one empty part', () => {
    expect(linkParts('hello 你好')).toEqual([{ text: 'hello 你好' }]);
    expect(linkParts('')).toEqual([{ text: '' }]);
  });
});

describe('safeHref', () => {
  it('allows http, https and mailto only', () => {
    expect(safeHref('https://a.b/')).toBe('https://a.b/');
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' javascript:alert(1)')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
