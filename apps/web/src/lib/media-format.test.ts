import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './media-format.ts';

describe('formatBytes', () => {
  it('writes bytes in the largest binary unit that keeps the number at least 1', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(2.44 * 1024 * 1024)).toBe('2.4 MB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
  });
});

describe('formatDuration', () => {
  it('writes m:ss, rounded to the nearest second', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(7_600)).toBe('0:08');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(-5)).toBe('0:00');
  });
});
