/**
 * How the SQLite search folds case, in one place for its two paths: the trigram path indexes {@link indexText} and
 * checks its candidates with {@link foldCase}; the scan of one- and two-character queries asks for every spelling
 * that folds alike ({@link caseVariants}), so both paths find the same.
 */

/**
 * The text as the index holds it (and a query is asked in): Greek final sigma `ς` written as `σ`. FTS5's folding
 * maps `Σ` to `σ` and leaves `ς` alone, so `ΟΔΟΣ` would not find `οδος`; Unicode case folding (CaseFolding.txt,
 * `03C2; C; 03C3`) makes them one letter, as the MongoDB adapter's full lower case does. The index is contentless, so
 * what it is given need not be the stored text.
 */
export function indexText(text: string): string {
  return text.includes('ς') ? text.replaceAll('ς', 'σ') : text;
}

/**
 * Case folding for the check after the match, per code point as FTS5's `case_sensitive 0` folds (one character to
 * one), of {@link indexText}: JavaScript's lower case where it is a single code point, else the character itself
 * (`İ` stays `İ` rather than becoming `i̇`, two code points).
 */
export function foldCase(text: string): string {
  let folded = '';
  for (const c of text) {
    const lower = c.toLowerCase();
    folded += [...lower].length === 1 ? lower : c;
  }
  return indexText(folded);
}

/** Ranges of code points that have a case at all: the BMP and the cased scripts beyond it (Deseret … Adlam). */
const CASED_RANGES: readonly [number, number][] = [
  [0x0000, 0xffff],
  [0x10400, 0x104ff],
  [0x10570, 0x105bf],
  [0x10c80, 0x10cff],
  [0x118a0, 0x118ff],
  [0x16e40, 0x16e9f],
  [0x1e900, 0x1e95f],
];

/** The most spellings a query is asked in (two characters of three spellings each). */
export const MAX_VARIANTS = 9;

let classes: Map<string, string[]> | undefined;

/**
 * Folded character → every code point that folds to it, for classes of more than one; built on first use (about
 * 130,000 code points, some 20 ms once).
 */
function foldClasses(): Map<string, string[]> {
  if (classes) return classes;
  const all = new Map<string, string[]>();
  for (const [from, to] of CASED_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const folded = foldCase(c);
      if (folded === c && c.toUpperCase() === c) continue; // no case: its own class of one
      const members = all.get(folded);
      if (members) members.push(c);
      else all.set(folded, [c]);
    }
  }
  classes = new Map([...all].filter(([, members]) => members.length > 1));
  return classes;
}

/**
 * Case variants of a short query, for the scan of one- and two-character queries, which has no index to fold case
 * with; SQLite's own `lower()` folds ASCII only, and folding each scanned row in JavaScript would cost a call into
 * JavaScript per row. Instead the query is asked in every spelling that folds to the same text, with `instr`: `üb`
 * as `üb`, `Üb`, `üB` and `ÜB`. Measured over 20,000 rows with no hit (the scan's worst case): 16–17 ms for an
 * ASCII query, 21 ms in four spellings, 26 ms in six. By {@link foldCase}'s rule: `ς`, `σ` and `Σ` are one class,
 * and so are `k`, `K` and the Kelvin sign `K`.
 *
 * Every spelling of `text` (one or two code points) that folds as it does, itself included; null when SQLite's
 * `lower()` is enough (all ASCII, or nothing in it has another case), or when there would be more than
 * {@link MAX_VARIANTS} (none of two characters has: the largest classes have three members).
 */
export function caseVariants(text: string): string[] | null {
  const chars = [...text];
  if (chars.every((c) => c.charCodeAt(0) < 0x80)) return null;
  const map = foldClasses();
  const options = chars.map((c) => map.get(foldCase(c)) ?? [c]);
  if (options.every((o) => o.length === 1)) return null;
  let variants = [''];
  for (const o of options) variants = variants.flatMap((v) => o.map((c) => v + c));
  return variants.length <= MAX_VARIANTS ? variants : null;
}
