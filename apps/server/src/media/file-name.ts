import { MEDIA_NAME_MAX } from '@pairchat/schema';

/** Control characters (C0, DEL, C1) and the bidirectional overrides that make `gpj.exe` look like `exe.jpg`. */
const UNSAFE = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/**
 * The HTML standard's multipart/form-data encoding escapes a file name's LF, CR and `"` as `%0A`, `%0D` and `%22`
 * (WHATWG HTML, "multipart/form-data encoding algorithm"; Chromium and Firefox do), and busboy hands them on as
 * sent. Only these three are escaped, so only these are read back; any other `%xx` is the name's own text.
 */
const FORM_ESCAPES: Record<string, string> = { '%0A': '\n', '%0D': '\r', '%22': '"' };
/** Line breaks become one space, so `line1\r\nline2.txt` reads `line1 line2.txt`, not `line1line2.txt`. */
const LINE_BREAKS = /[\r\n]+/g;
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
 * separator (browsers once sent `C:\Users\…\a.png`, and `../../x` must not look like a path); the form encoding's
 * `%22` read back as `"` and its `%0D`/`%0A` as a space; other control characters and bidi overrides removed;
 * trimmed; at most MEDIA_NAME_MAX (255) code points, the limit of most file systems. A longer name is shortened, not refused (the file is fine, only its label is long): the end of the stem is cut and
 * the extension kept (`…`-free, so the download still opens with the right program). Empty afterwards: `fallback`.
 */
export function sanitizeFileName(raw: string, fallback = 'file'): string {
  const unescaped = raw.replace(/%0A|%0D|%22/g, (escape) => FORM_ESCAPES[escape]!);
  const lastSegment = unescaped.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = lastSegment.replace(LINE_BREAKS, ' ').replace(UNSAFE, '').trim();
  if (name === '' || name === '.' || name === '..') return fallback;
  if ([...name].length <= MEDIA_NAME_MAX) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = cutToCodePoints(name.slice(0, name.length - ext.length), MEDIA_NAME_MAX - [...ext].length).trim();
  return stem === '' ? fallback : stem + ext;
}
