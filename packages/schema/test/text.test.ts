import { describe, expect, it } from 'vitest';
import {
  AuthBodySchema,
  CONTENT_MAX,
  CONTENT_MAX_UNITS,
  ContentSchema,
  contentProblem,
  isBlankText,
  SendFrameSchema,
  sliceVisible,
  UsersQuerySchema,
  visibleLength,
  withoutControlCharacters,
} from '../src/index.ts';

/** The messages of a failed parse, to check that the reason given is the right one. */
function reasons(input: unknown): string[] {
  const r = ContentSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('message text: blank (issue 11 item 1)', () => {
  it.each([
    ['U+200B zero width space', '\u200b'],
    ['U+200C zero width non-joiner', '\u200c'],
    ['U+200D zero width joiner', '\u200d'],
    ['U+2060 word joiner', '\u2060'],
    ['U+180E Mongolian vowel separator', '\u180e'],
    ['U+FEFF byte order mark', '\ufeff'],
    ['a variation selector alone', '\ufe0f'],
    ['U+3164 Hangul filler', '\u3164'],
    ['U+2800 braille blank', '\u2800'],
    ['invisible marks between spaces', ' \u200b\u200d \u2060\n'],
  ])('refuses %s as blank', (_, text) => {
    expect(reasons(text)).toEqual(['a message cannot be blank']);
    expect(isBlankText(text.trim())).toBe(true);
  });

  it('keeps a zero-width joiner inside an emoji sequence, unchanged', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(ContentSchema.parse(family)).toBe(family);
    expect(ContentSchema.parse(` ok 👍🏽 ${family} `)).toBe(`ok 👍🏽 ${family}`);
  });
});

describe('message text: control characters', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a bell', 'ding\u0007'],
    ['an escape sequence', '\u001b[31mred'],
    ['a form feed', 'page\u000cbreak'],
    ['DEL', 'x\u007f'],
    ['a C1 control', 'x\u0085y'],
  ])('refuses %s', (_, text) => {
    expect(reasons(text)).toEqual(['a message cannot contain control characters (other than tab and line breaks)']);
  });

  it('keeps tabs and line breaks, and the composer drops the rest', () => {
    expect(ContentSchema.parse('a\tb\r\nc\nd')).toBe('a\tb\r\nc\nd');
    expect(withoutControlCharacters('a\u0000\tb\u0007\n\u0085c')).toBe('a\tb\nc');
  });
});

describe('message text: counted in user-perceived characters', () => {
  it('fits 4000 emoji and refuses 4001', () => {
    expect(ContentSchema.parse('😀'.repeat(CONTENT_MAX))).toHaveLength(CONTENT_MAX * 2);
    expect(reasons('😀'.repeat(CONTENT_MAX + 1))).toEqual([`a message is at most ${CONTENT_MAX} characters`]);
  });

  it('counts a flag, a skin tone, a ZWJ family and a letter with its mark as one character each', () => {
    expect(visibleLength('🇨🇳')).toBe(1);
    expect(visibleLength('👍🏽')).toBe(1);
    expect(visibleLength('👨\u200d👩\u200d👧\u200d👦')).toBe(1);
    expect(visibleLength('e\u0301')).toBe(1);
    expect(visibleLength('한국어')).toBe(3);
    expect(visibleLength('\u1112\u1161\u11ab')).toBe(1); // 한 as conjoining jamo
  });

  it('fits 4000 flags (4 UTF-16 units each) and 4000 decomposed letters', () => {
    expect(ContentSchema.safeParse('🇨🇳'.repeat(CONTENT_MAX)).success).toBe(true);
    expect(ContentSchema.safeParse('e\u0301'.repeat(CONTENT_MAX)).success).toBe(true);
    expect(ContentSchema.safeParse('e\u0301'.repeat(CONTENT_MAX + 1)).success).toBe(false);
  });

  it('caps the raw length before counting, so a huge text costs no counting work', () => {
    expect(contentProblem('a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'.repeat(4000))).toBe(
      `a message is at most ${CONTENT_MAX} characters and ${CONTENT_MAX_UNITS} UTF-16 code units`,
    );
    expect(ContentSchema.safeParse('x'.repeat(1_000_000)).success).toBe(false);
  });

  it('cuts only between characters', () => {
    expect(sliceVisible('ab😀c', 3)).toBe('ab😀');
    expect(sliceVisible('👨\u200d👩\u200d👧x', 1)).toBe('👨\u200d👩\u200d👧');
    expect(sliceVisible('abc', 10)).toBe('abc');
  });
});

describe('message text: ill-formed UTF-16', () => {
  it.each([
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', 'a\uDC00b'],
    ['reversed halves', '\uDE00\uD83D'],
    ['4000 lone surrogates', '\uD800'.repeat(4000)],
  ])('refuses %s', (_, text) => {
    expect(reasons(text)).toEqual(['a message must be well-formed Unicode text (no lone surrogates)']);
  });

  it('refuses it in a send frame and a user search too', () => {
    expect(SendFrameSchema.safeParse({ type: 'send', to: 'u1', clientId: 'c', content: 'a\uD800b' }).success).toBe(
      false,
    );
    expect(UsersQuerySchema.safeParse({ q: 'a\uD800' }).success).toBe(false);
    expect(UsersQuerySchema.safeParse({ q: 'ana' }).success).toBe(true);
    expect(AuthBodySchema.safeParse({ name: 'ana', password: 'password\uD800' }).success).toBe(false);
    expect(AuthBodySchema.safeParse({ name: 'ana', password: 'password😀' }).success).toBe(true);
  });
});

describe('message text: counting is linear and exact across the pieces it is counted in', () => {
  const whole = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)];

  it.each([
    ['emoji ZWJ families at every offset', 'x👨‍👩‍👧‍👦'.repeat(300)],
    ['flags (regional indicator pairs) at odd offsets', 'a🇨🇳🇺🇸'.repeat(300)],
    ['skin tones and variation selectors', '👍🏽✌️❤️'.repeat(300)],
    ['conjoining Hangul jamo', '\u1112\u1161\u11ab'.repeat(500)],
    ['CR LF across a seam', 'ab\r\n'.repeat(600)],
    ['Indic conjuncts', 'नमस्ते क्षत्रिय '.repeat(200)],
    ['one letter with 1,000 marks amid text', `${'ab'.repeat(200)}a${'\u0301'.repeat(1000)}${'cd'.repeat(200)}`],
  ])('counts %s as the whole-string segmenter does', (_, text) => {
    expect(visibleLength(text)).toBe(whole(text).length);
    expect(sliceVisible(text, 257)).toBe(
      whole(text)
        .slice(0, 257)
        .map((s) => s.segment)
        .join(''),
    );
  });

  it('counts a mixed text as the whole-string segmenter does whatever the seams of its pieces cut', () => {
    const sample = 'a👨‍👩‍👧🇨🇳e\u0301\r\n한\u1112\u1161\u11ab👍🏽क्ष ';
    for (let shift = 0; shift < 40; shift++) {
      const text = 'x'.repeat(shift) + sample.repeat(40);
      expect(visibleLength(text), `shift ${shift}`).toBe(whole(text).length);
    }
  });

  it('says which limit a text of 4000 long emoji passes: the code units, not the characters', () => {
    const family = '👨‍👩‍👧‍👦'; // 11 UTF-16 units
    expect(contentProblem(family.repeat(2000))).toBeNull();
    expect(contentProblem(family.repeat(4000))).toBe(
      `a message is at most ${CONTENT_MAX} characters and ${CONTENT_MAX_UNITS} UTF-16 code units`,
    );
  });

  it('counts the longest text the limit lets through quickly (one piece at a time)', () => {
    const worst = 'a\u0301'.repeat(CONTENT_MAX_UNITS / 2);
    const started = Date.now();
    expect(contentProblem(worst)).toBe(`a message is at most ${CONTENT_MAX} characters`);
    // In one piece this took 450 ms and more; in pieces it takes a few.
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('visibleLength', () => {
  it('stops at a limit, and counts plain ASCII by its length', () => {
    expect(visibleLength('😀'.repeat(100), 10)).toBe(10);
    expect(visibleLength('x'.repeat(100), 10)).toBe(10);
    expect(visibleLength('a\r\nb\tc')).toBe(5);
    expect(visibleLength('😀'.repeat(5), 10)).toBe(5);
  });
});
