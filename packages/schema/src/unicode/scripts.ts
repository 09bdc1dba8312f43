import { SCRIPT_NAMES } from './script-names.ts';

/**
 * Mixed-script and mixed-number detection for identifiers, after Unicode Technical Standard #39 (Unicode Security
 * Mechanisms): §5.1 (resolved script set, with the augmented sets Hanb/Jpan/Kore), §5.2 (restriction levels) and §5.3
 * (mixed-number detection). A character's scripts are its Script_Extensions (UCD ScriptExtensions.txt), read through
 * ECMAScript's `\p{Script_Extensions=…}`; Common and Inherited characters count as every script.
 */

/** Recommended scripts of UAX #31 (Unicode Identifiers and Syntax), Table 4, plus the augmented CJK sets. */
const RECOMMENDED = new Set([
  'Arabic', 'Armenian', 'Bengali', 'Bopomofo', 'Cyrillic', 'Devanagari', 'Ethiopic', 'Georgian', 'Greek', 'Gujarati',
  'Gurmukhi', 'Han', 'Hangul', 'Hebrew', 'Hiragana', 'Kannada', 'Katakana', 'Khmer', 'Lao', 'Latin', 'Malayalam',
  'Myanmar', 'Oriya', 'Sinhala', 'Tamil', 'Telugu', 'Thaana', 'Thai', 'Tibetan', 'Hanb', 'Jpan', 'Kore',
]); // prettier-ignore

/** UTS #39 §5.1: the augmented script sets that let Han mix with its Japanese, Korean and Bopomofo companions. */
const AUGMENT: Readonly<Record<string, readonly string[]>> = {
  Han: ['Hanb', 'Jpan', 'Kore'],
  Hiragana: ['Jpan'],
  Katakana: ['Jpan'],
  Hangul: ['Kore'],
  Bopomofo: ['Hanb'],
};

let matchers: { name: string; re: RegExp }[] | undefined;
/** One matcher per script the running engine knows (an older engine lacks the newest scripts' names). */
function scriptMatchers(): { name: string; re: RegExp }[] {
  matchers ??= SCRIPT_NAMES.flatMap((name) => {
    try {
      return [{ name, re: new RegExp(`^\\p{Script_Extensions=${name}}$`, 'u') }];
    } catch {
      return [];
    }
  });
  return matchers;
}

const ANY_SCRIPT = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
const cache = new Map<string, ReadonlySet<string> | null>();

/** The augmented Script_Extensions of one code point, or null for Common/Inherited (compatible with every script). */
function scriptsOf(cp: string): ReadonlySet<string> | null {
  const known = cache.get(cp);
  if (known !== undefined) return known;
  let set: Set<string> | null = null;
  if (!ANY_SCRIPT.test(cp)) {
    set = new Set();
    for (const { name, re } of scriptMatchers()) {
      if (!re.test(cp)) continue;
      set.add(name);
      for (const extra of AUGMENT[name] ?? []) set.add(extra);
    }
    // A code point of a script newer than the engine still has a script: one no other code point shares.
    if (set.size === 0) set.add(`unknown:${cp}`);
  }
  if (cache.size < 4096) cache.set(cp, set);
  return set;
}

/** UTS #39 §5.1: the resolved script set of `text`, or null when every code point is Common or Inherited. */
function resolvedScripts(text: string): ReadonlySet<string> | null {
  const sets = [...text].map(scriptsOf).filter((s) => s !== null);
  const [first, ...others] = sets;
  if (!first) return null;
  return new Set([...first].filter((script) => others.every((s) => s.has(script))));
}

/**
 * True when `text` is at most Moderately Restrictive (UTS #39 §5.2): it is single-script; or it is Latin plus
 * Han with Hiragana/Katakana, Bopomofo or Hangul (Highly Restrictive); or it is Latin plus one other Recommended
 * script that is neither Cyrillic nor Greek, whose letters imitate Latin ones ("pаypal" with a Cyrillic а is refused).
 */
export function isModeratelyRestrictive(text: string): boolean {
  const whole = resolvedScripts(text);
  if (!whole || whole.size > 0) return true;
  const rest = resolvedScripts([...text].filter((cp) => !scriptsOf(cp)?.has('Latin')).join(''));
  if (!rest || rest.size === 0) return false;
  return [...rest].some((s) => RECOMMENDED.has(s) && s !== 'Cyrillic' && s !== 'Greek');
}

const DIGIT = /^\p{Nd}$/u;

/** The zero of the decimal digit `cp`'s system: Nd digits come in runs of ten consecutive code points. */
function digitZero(cp: number): number {
  let start = cp;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return start + Math.floor((cp - start) / 10) * 10;
}

/** UTS #39 §5.3: true when every decimal digit in `text` belongs to one numbering system ("1२" mixes two). */
export function hasOneDigitSystem(text: string): boolean {
  let zero: number | undefined;
  for (const cp of text) {
    if (!DIGIT.test(cp)) continue;
    const z = digitZero(cp.codePointAt(0) ?? 0);
    if (zero !== undefined && z !== zero) return false;
    zero = z;
  }
  return true;
}
