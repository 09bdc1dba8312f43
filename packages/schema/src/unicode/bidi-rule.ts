import * as bidiJs from 'bidi-js';
import type { Bidi } from 'bidi-js';

/**
 * The "Bidi Rule" of RFC 5893 §2 (Right-to-Left Scripts for IDNA), which RFC 8265 §3.3.1 (PRECIS usernames, rule 5)
 * applies to every username that contains a right-to-left character. Bidi classes (UCD's Bidi_Class) come from
 * bidi-js, a maintained implementation of UAX #9.
 */

// bidi-js is CommonJS to Node and ESM to bundlers: its one export, a factory, is the namespace's `default` in both,
// while its typings (an ESM `export default` in a CommonJS package) make TypeScript expect one level more.
const bidi = (bidiJs.default as unknown as () => Bidi)();

const RTL_CLASSES = new Set(['R', 'AL', 'AN']);
/** Rule 2: what an RTL label may contain. */
const RTL_ALLOWED = new Set(['R', 'AL', 'AN', 'EN', 'ES', 'CS', 'ET', 'ON', 'BN', 'NSM']);
/** Rule 3: how an RTL label may end (before trailing NSMs). */
const RTL_END = new Set(['R', 'AL', 'EN', 'AN']);

/** True when `text` has no right-to-left character, or when it has and satisfies RFC 5893's rules 1–4. */
export function satisfiesBidiRule(text: string): boolean {
  const classes = [...text].map((cp) => bidi.getBidiCharTypeName(cp));
  if (!classes.some((c) => RTL_CLASSES.has(c))) return true;
  if (classes[0] !== 'R' && classes[0] !== 'AL') return false; // rule 1 (an L first breaks rule 2 anyway)
  if (!classes.every((c) => RTL_ALLOWED.has(c))) return false; // rule 2
  const last = classes.findLast((c) => c !== 'NSM');
  if (last === undefined || !RTL_END.has(last)) return false; // rule 3
  return !(classes.includes('EN') && classes.includes('AN')); // rule 4
}
