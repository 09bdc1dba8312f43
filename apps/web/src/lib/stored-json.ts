import type { z } from 'zod';

/**
 * A value kept in localStorage as JSON under `key`, read through `schema`: `fallback` when there is none, or when
 * what is there cannot be used (no storage in private mode, not JSON, edited by hand, written by another version).
 */
export function readStored<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return fallback;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Keeps `value` as JSON under `key`; null removes the key. When storage is full or unavailable nothing is kept,
 * and the value lasts for this page only.
 */
export function writeStored(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or unavailable
  }
}
