import unhomoglyph from 'unhomoglyph';
import { caseFold } from 'unicode-case-folding';
import { z } from 'zod';
import { isInvisibleCodePoint, visibleLength } from './text.ts';
import { satisfiesBidiRule } from './unicode/bidi-rule.ts';
import { hasOneDigitSystem, isModeratelyRestrictive } from './unicode/scripts.ts';

/**
 * The rules for account names, after RFC 8265's UsernameCaseMapped profile (PRECIS) and Unicode Technical Standard
 * #39 (Unicode Security Mechanisms). Contract: 1–32 characters, letters of any script, digits, `_`, `-`, `.`; unique
 * without regard to case as Unicode folds case in every script.
 *
 * - {@link prepareName}: RFC 8265 §3.3.1 rules 1 and 4: fullwidth and halfwidth forms are mapped to their
 *   decompositions, then NFC. This is the name as stored and shown (its case is kept).
 * - {@link nameKey}: the case-insensitive identity: Unicode default full case folding (CaseFolding.txt, statuses C
 *   and F, via unicode-case-folding) of the prepared name, as in the Unicode Standard's canonical caseless match
 *   (§3.13, D145): NFC(toCasefold(NFD(name))). "Straße", "STRASSE" and "strasse" share one key, as do "ΣΟΦΟΣ",
 *   "σοφος" and "σοφοσ".
 * - {@link nameSkeleton}: the confusable identity (UTS #39 §4), see its docstring.
 * - {@link nameProblem}: what makes a prepared name unacceptable for a new account.
 */

export const NAME_MAX = 32;
/** The most UTF-16 units a name may have before it is prepared and counted (bounds the work). */
export const NAME_MAX_UNITS = 256;

const FULL_OR_HALF_WIDTH = /[\uFF01-\uFFEE]/gu;

/** RFC 8265 width mapping (decompositions of `<wide>`/`<narrow>` forms) followed by NFC: the stored form. */
export function prepareName(name: string): string {
  return name.replace(FULL_OR_HALF_WIDTH, (cp) => cp.normalize('NFKC')).normalize('NFC');
}

/** The case-folded comparison key of a name (any string; a name need not be valid to have a key). */
export function nameKey(name: string): string {
  return caseFold(prepareName(name).normalize('NFD')).normalize('NFC');
}

/** The name key the server stored before the rules above: NFKC, then `toLowerCase()`. Kept for existing accounts. */
export function legacyNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * UTS #39 §4's skeleton(X): NFD, remove every Default_Ignorable_Code_Point, replace each code point by its prototype
 * from the Unicode confusables data (confusables.txt, as shipped by unhomoglyph: version 13.0.0), NFD again.
 */
export function confusableSkeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD').replace(DEFAULT_IGNORABLE, '')).normalize('NFD');
}

/**
 * The confusable skeleton of a name without regard to case: skeleton(nameKey(skeleton(name))). The inner skeleton
 * catches look-alikes that differ in case ("aIice", capital I, against "alice"); folding then makes "ALICE" and its
 * look-alikes meet "alice"; the outer skeleton maps what folding produced. Two names are confusable when their
 * skeletons are equal: "ana" and "аnа" (Cyrillic а) share one. A new name is refused when its skeleton equals a taken
 * name's.
 */
export function nameSkeleton(name: string): string {
  return confusableSkeleton(nameKey(confusableSkeleton(prepareName(name))));
}

const NAME_CHARS = /^[\p{L}\p{Mn}\p{Mc}\p{Nd}_.-]+$/u;
const LEADING_MARK = /^\p{M}/u;
const NONSPACING = /^\p{Mn}$/u;

/** UTS #39 §5.4: more than four nonspacing marks in a row, or one mark twice in a row, hide or fake letters. */
function hasExcessiveMarks(name: string): boolean {
  let run: string[] = [];
  for (const cp of name.normalize('NFD')) {
    if (!NONSPACING.test(cp)) run = [];
    else if (run.includes(cp) || run.push(cp) > 4) return true;
  }
  return false;
}

/** PRECIS IdentifierClass (RFC 8264 §9.17): a code point whose NFKC differs from itself (ﬁ, ①, 𝐚) is disallowed. */
function hasCompatibilityForm(name: string): boolean {
  return [...name].some((cp) => cp.normalize('NFKC') !== cp);
}

/**
 * Why `prepared` (the output of {@link prepareName}) cannot name a new account, or null when it can. Refused: a
 * length outside 1–32 characters (grapheme clusters); anything but letters, combining marks, decimal digits and
 * `_`, `-`, `.`; invisible and default-ignorable code points (U+034F, U+FE0F, U+180B, U+E0100…); compatibility
 * forms; a leading combining mark; excessive marks; mixed scripts beyond UTS #39's Moderately Restrictive level;
 * digits of two numbering systems; a right-to-left name breaking the Bidi Rule of RFC 5893.
 */
export function nameProblem(prepared: string): string | null {
  const length = visibleLength(prepared);
  if (length < 1 || length > NAME_MAX) return `a name is 1 to ${NAME_MAX} characters`;
  if ([...prepared].some(isInvisibleCodePoint)) return 'a name cannot contain invisible characters';
  if (!NAME_CHARS.test(prepared)) return 'a name has only letters, digits, "_", "-" and "."';
  if (hasCompatibilityForm(prepared)) return 'a name cannot use compatibility forms of letters or digits';
  if (LEADING_MARK.test(prepared) || hasExcessiveMarks(prepared)) return 'a name has misplaced combining marks';
  if (!isModeratelyRestrictive(prepared)) return 'a name cannot mix scripts whose letters look alike';
  if (!hasOneDigitSystem(prepared)) return 'a name cannot mix digits of different numbering systems';
  if (!satisfiesBidiRule(prepared)) return 'a right-to-left name must keep its direction (RFC 5893)';
  return null;
}

/**
 * A new account's name: prepared (width-mapped, NFC; case kept) and checked by {@link nameProblem}. The parsed value
 * is the prepared name, the one to store. Whether it is taken (same {@link nameKey} or {@link nameSkeleton} as an
 * existing name) is the server's question.
 */
export const UserNameSchema = z
  .string()
  .max(NAME_MAX_UNITS, `a name is 1 to ${NAME_MAX} characters`)
  .transform(prepareName)
  .check((ctx) => {
    const problem = nameProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });
