import { z } from 'zod';

/**
 * How message text is measured and when it is blank: written once here and used by the server's validation and the
 * web composer alike, so both count the same way.
 *
 * - A "character" is what a person sees: an extended grapheme cluster of Unicode Standard Annex #29 (Unicode Text
 *   Segmentation), as `Intl.Segmenter` with `granularity: 'grapheme'` finds them. 😀 is one character (two UTF-16
 *   units), 👨‍👩‍👧 is one (eight units), "é" written as e + U+0301 is one.
 * - Invisible code points are the Default_Ignorable_Code_Point property of the Unicode Character Database
 *   (DerivedCoreProperties.txt: U+200B–U+200F, U+2060–U+206F, U+FEFF, U+180B–U+180F, U+034F, variation selectors,
 *   tag characters, Hangul fillers…), plus White_Space (PropList.txt), controls (General_Category Cc) and U+2800
 *   BRAILLE PATTERN BLANK, which is drawn as nothing.
 * - Well-formed text is a string without lone surrogates (ECMAScript's `String.prototype.isWellFormed`, ES2024): a
 *   lone surrogate cannot be stored as UTF-8 and comes back as U+FFFD.
 */

/** The most characters (grapheme clusters, after trimming) a text message holds. Contract: 1–4000. */
export const CONTENT_MAX = 4000;

/**
 * The most UTF-16 code units a text message may have before anything is counted, so counting work is bounded. Eight
 * units per character fits 4000 of any emoji but the longest ZWJ family sequences.
 */
export const CONTENT_MAX_UNITS = CONTENT_MAX * 8;
/** The reason given past {@link CONTENT_MAX_UNITS}, which a text of fewer characters can reach (long ZWJ emoji). */
const TOO_MANY_UNITS = `a message is at most ${CONTENT_MAX} characters and ${CONTENT_MAX_UNITS} UTF-16 code units`;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How many UTF-16 units `Intl.Segmenter` is handed at a time (see {@link clusterStarts}). */
const PIECE_UNITS = 256;

/**
 * The UTF-16 index where each extended grapheme cluster of `text` starts, in order. V8's segmenter costs time in
 * proportion to the length of the string it was handed for every cluster it yields (quadratic: 16,000 clusters took
 * 300 ms in one piece, 24 ms in pieces), so it is handed pieces. Each piece starts on a cluster boundary; its last
 * cluster may go on past the piece, so it is read again as the start of the next piece (every earlier boundary was
 * decided with the character after it in view, as UAX #29's rules need no more). A piece holding one cluster
 * only (a letter with hundreds of marks) is widened until it holds two or reaches the end.
 */
function* clusterStarts(text: string): Generator<number> {
  let start = 0;
  let size = PIECE_UNITS;
  while (start < text.length) {
    let end = start + size;
    // Never end a piece between the halves of a surrogate pair: the half left behind would read as a character.
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end += 1;
    const atEnd = end >= text.length;
    const starts = Array.from(graphemes.segment(text.slice(start, end)), (s) => start + s.index);
    if (atEnd) {
      yield* starts;
      return;
    }
    const next = starts.pop();
    if (next === undefined || starts.length === 0) {
      size *= 2;
      continue;
    }
    yield* starts;
    start = next;
    size = PIECE_UNITS;
  }
}

/** Printable ASCII, tab and LF: every one of them is a cluster by itself (CR is not: CR LF is one). */
const SIMPLE_ASCII = /^[\x20-\x7e\t\n]*$/;

/**
 * The number of user-perceived characters (UAX #29 extended grapheme clusters) in `text`, counting no further than
 * `limit` (the answer is then `limit`): the segmenter costs about 2 µs a cluster, so a caller that only needs to know
 * whether a text is over a limit stops just past it.
 */
export function visibleLength(text: string, limit = Infinity): number {
  if (SIMPLE_ASCII.test(text)) return Math.min(text.length, limit);
  let count = 0;
  for (const _ of clusterStarts(text)) {
    if (count >= limit) break;
    count += 1;
  }
  return count;
}

/**
 * The first `max` user-perceived characters of `text`, never splitting a character (a surrogate pair, an emoji ZWJ
 * sequence, a base letter and its marks).
 */
export function sliceVisible(text: string, max: number): string {
  let count = 0;
  for (const index of clusterStarts(text)) {
    if (count === max) return text.slice(0, index);
    count += 1;
  }
  return text;
}

const LONE_SURROGATE = /\p{Surrogate}/u;

/** True when `text` has no lone surrogate (the same answer as ES2024's `String.prototype.isWellFormed`). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

const CONTROL = /\p{Cc}/u;

/**
 * True when `text` holds a control character (General_Category Cc: U+0000–U+001F, U+007F–U+009F). Typed text in a
 * name, a query or a remark has none; a NUL would also end a phrase in the SQLite search index's query syntax.
 */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * The control characters a message may not hold: every Cc but TAB, LF and CR, the only ones text typed or pasted
 * in a browser has (a NUL, a bell, an escape or a form feed comes only from a script, and shows as nothing or as
 * a box; names, remarks and notes refuse every Cc).
 */
const MESSAGE_CONTROL = /(?![\t\n\r])\p{Cc}/u;
const MESSAGE_CONTROLS = new RegExp(MESSAGE_CONTROL.source, 'gu');

/** `text` without the control characters a message may not hold (see {@link contentProblem}); the composer's. */
export function withoutControlCharacters(text: string): string {
  return text.replace(MESSAGE_CONTROLS, '');
}

/** Code points that draw nothing: White_Space, Default_Ignorable_Code_Point, controls, U+2800. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]/u;
const ALL_INVISIBLE = new RegExp(`^${INVISIBLE.source}*$`, 'u');

/**
 * True when `text` shows nothing: it is empty or made only of whitespace and invisible code points (U+200B, U+200C,
 * U+200D, U+2060, U+180E, U+FEFF, a variation selector alone…). A zero-width joiner inside an emoji sequence is not
 * blank, because the emoji around it are visible; the text is kept as it was.
 */
export function isBlankText(text: string): boolean {
  return ALL_INVISIBLE.test(text);
}

/** True when `cp` (one code point as a string) draws nothing: see {@link isBlankText}. */
export function isInvisibleCodePoint(cp: string): boolean {
  return INVISIBLE.test(cp);
}

/**
 * Why `text` (already trimmed) is not a valid message text, or null when it is. The reasons are the messages of the
 * 400 `bad_request` answer and the `error` frame.
 */
export function contentProblem(text: string): string | null {
  if (text.length > CONTENT_MAX_UNITS) return TOO_MANY_UNITS;
  if (!isWellFormedText(text)) return 'a message must be well-formed Unicode text (no lone surrogates)';
  if (MESSAGE_CONTROL.test(text)) return 'a message cannot contain control characters (other than tab and line breaks)';
  if (isBlankText(text)) return 'a message cannot be blank';
  // A character is at least one UTF-16 unit, so a text of at most CONTENT_MAX units needs no counting (the common
  // case, and the segmenter is the costliest step of a send's validation).
  if (text.length > CONTENT_MAX && visibleLength(text, CONTENT_MAX + 1) > CONTENT_MAX)
    return `a message is at most ${CONTENT_MAX} characters`;
  return null;
}

/**
 * Message text: 1–4000 user-perceived characters after trimming (so 4000 emoji fit), never blank or invisible-only,
 * never ill-formed, no control characters but tab and line breaks; stored trimmed. Errors carry the reason from
 * {@link contentProblem}.
 */
export const ContentSchema = z
  .string()
  .max(CONTENT_MAX_UNITS, TOO_MANY_UNITS)
  .transform((s) => s.trim())
  .check((ctx) => {
    const problem = contentProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** Any text field from outside that must be well-formed UTF-16 (a search query, a display text). */
export const WellFormedStringSchema = z
  .string()
  .refine(isWellFormedText, 'text must be well-formed Unicode (no lone surrogates)');
