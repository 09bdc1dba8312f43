import { MEDIA_NAME_MAX } from '@pairchat/schema';

/** Control characters (C0, DEL, C1) and the bidirectional overrides that make `gpj.exe` look like `exe.jpg`. */
const UNSAFE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Whole user-visible characters, so a cut never splits an emoji or a letter from its accent. */
function cutToCodePoints(s: string, max: number): string {
  let out = '';
  let length = 0;
  for (const { segment } of graphemes.segment(s)) {
    const n = [...segment].length;
    if (length + n > max) break;
    out += segment;
    length += n;
  }
  return out;
}

/**
 * The name a file is shown and downloaded under. Only a label: it never names anything on disk (files are stored
 * under their id). Rules (OWASP's file upload cheat sheet): NFC-normalised; only the last path segment of either
 * separator (browsers once sent `C:\Users\…\a.png`, and `../../x` must not look like a path); control characters
 * and bidi overrides removed; trimmed; at most MEDIA_NAME_MAX (255) code points, the limit of most file systems.
 * A longer name is shortened, not refused (the file is fine, only its label is long): the end of the stem is cut and
 * the extension kept (`…`-free, so the download still opens with the right program). Empty afterwards: `fallback`.
 */
export function sanitizeFileName(raw: string, fallback = 'file'): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = lastSegment.replace(UNSAFE, '').trim();
  if (name === '' || name === '.' || name === '..') return fallback;
  if ([...name].length <= MEDIA_NAME_MAX) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = cutToCodePoints(name.slice(0, name.length - ext.length), MEDIA_NAME_MAX - [...ext].length).trim();
  return stem === '' ? fallback : stem + ext;
}
