import { describe, expect, it } from 'vitest';
import { parseThemeChoice, THEME_CHOICES } from './theme.ts';

describe('parseThemeChoice', () => {
  it('keeps the three choices', () => {
    for (const c of THEME_CHOICES) expect(parseThemeChoice(c)).toBe(c);
  });
  it('reads anything else, or nothing saved, as following the system', () => {
    for (const v of [null, undefined, '', 'Dark', 'sepia', 1]) expect(parseThemeChoice(v)).toBe('system');
  });
});
