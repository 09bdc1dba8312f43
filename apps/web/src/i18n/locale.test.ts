import { describe, expect, it } from 'vitest';
import { localeFor } from './index.ts';

describe('localeFor', () => {
  it("follows the browser's own locale for the interface's language, else that language's usual one", () => {
    expect(localeFor('en', ['en-GB', 'zh-CN'])).toBe('en-GB');
    expect(localeFor('zh', ['en-GB', 'zh-TW'])).toBe('zh-TW');
    expect(localeFor('zh', ['en-US'])).toBe('zh-CN');
    expect(localeFor('en', [])).toBe('en-US');
    expect(localeFor('en', ['en-!!'])).toBe('en-US');
  });
});
