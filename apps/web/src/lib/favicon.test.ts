import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { badgedIconSvg, badgeLabel, faviconHref, PLAIN_ICON_HREF } from './favicon.ts';

const plain = readFileSync(new URL('../../public/favicon.svg', import.meta.url), 'utf8');

describe('badgeLabel', () => {
  it('says nothing for no unread, or a total that is not a positive whole number', () => {
    for (const total of [0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(badgeLabel(total)).toBeNull();
  });
  it('counts up to 9, then says 9+', () => {
    expect(badgeLabel(1)).toBe('1');
    expect(badgeLabel(9)).toBe('9');
    expect(badgeLabel(10)).toBe('9+');
    expect(badgeLabel(1234)).toBe('9+');
  });
});

describe('badgedIconSvg', () => {
  it('keeps the plain icon and draws the badge over it, before the closing tag', () => {
    const svg = badgedIconSvg(plain, '3');
    expect(svg.startsWith(plain.slice(0, plain.lastIndexOf('</svg>')))).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toMatch(/<circle [^>]*fill="#d92d20"[^>]*\/><text [^>]*>3<\/text><\/svg>/);
  });
  it('uses a smaller type for two characters', () => {
    expect(badgedIconSvg(plain, '9+')).toContain('font-size="12"');
    expect(badgedIconSvg(plain, '7')).toContain('font-size="15"');
  });
  it('refuses what is not an SVG document', () => {
    expect(() => badgedIconSvg('<png/>', '1')).toThrow(/not an SVG/);
  });
});

describe('faviconHref', () => {
  it('is the plain file with no unread', () => {
    expect(faviconHref(0, plain)).toBe(PLAIN_ICON_HREF);
  });
  it('is the badged icon as an SVG data: URL with unread', () => {
    const href = faviconHref(12, plain);
    expect(href.startsWith('data:image/svg+xml,')).toBe(true);
    expect(decodeURIComponent(href.slice('data:image/svg+xml,'.length))).toBe(badgedIconSvg(plain, '9+'));
  });
  it('uses the app icon by default', () => {
    expect(decodeURIComponent(faviconHref(2))).toContain(plain.slice(0, 60));
  });
});
