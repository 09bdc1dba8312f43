/**
 * How media sizes and lengths read in the interface. Bytes in binary units as file managers show them (1 KB = 1024
 * bytes, one decimal under 10, e.g. "980 B", "2.4 MB", "25 MB"); a duration as WeChat writes a voice message's
 * length, minutes and zero-padded seconds ("0:07", "1:05"), rounded to the nearest second.
 */

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** `bytes` (a count ≥ 0) in the largest unit that keeps it ≥ 1. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${UNITS[unit]}`;
}

/** `ms` (a duration ≥ 0 in milliseconds) as m:ss. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
