import { describe, expect, it } from 'vitest';
import { highlightParts, snippetAround } from './highlight.ts';

describe('highlightParts', () => {
  it('finds every occurrence, Latin without regard to case, keeping the original text', () => {
    expect(highlightParts('Hello hello HELLO!', 'hello')).toEqual([
      { text: 'Hello', match: true },
      { text: ' ', match: false },
      { text: 'hello', match: true },
      { text: ' ', match: false },
      { text: 'HELLO', match: true },
      { text: '!', match: false },
    ]);
  });

  it('matches Chinese inside a sentence with no word breaks', () => {
    expect(highlightParts('我们明天去北京吧', '北京')).toEqual([
      { text: '我们明天去', match: false },
      { text: '北京', match: true },
      { text: '吧', match: false },
    ]);
  });

  it('gives the whole text unmarked when nothing matches or the query is blank', () => {
    expect(highlightParts('<b>hi</b>', 'x')).toEqual([{ text: '<b>hi</b>', match: false }]);
    expect(highlightParts('hi', '  ')).toEqual([{ text: 'hi', match: false }]);
  });
});

describe('snippetAround', () => {
  it('cuts a long lead to "…" so the match shows', () => {
    const text = `${'x'.repeat(40)}needle and more`;
    expect(snippetAround(text, 'NEEDLE')).toBe(`…${'x'.repeat(12)}needle and more`);
  });
  it('keeps a short text whole, even when its match comes late in it', () => {
    expect(snippetAround('a needle', 'needle')).toBe('a needle');
    expect(snippetAround('forward this one', 'e')).toBe('forward this one');
  });
});
