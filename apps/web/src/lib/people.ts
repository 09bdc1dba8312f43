import type { User } from '@pairchat/schema';

/**
 * How a person is named and ordered on screen, as WeChat does it: my remark for them (备注) first, then, unless
 * the account was deleted (shown as "Deleted account" / 已注销), their display name, else their sign-in name; and
 * the Contacts list grouped under the initial of that name (Chinese by its pinyin, others under `#`).
 */

/**
 * The name I see for `user`: my `remark` when I set one, else `deletedText` for a deleted account, else the
 * display name, else the sign-in name. A remark wins over a deletion because it is mine: it is how I knew them.
 */
export function shownName(user: User, remark: string | undefined, deletedText: string): string {
  if (remark) return remark;
  if (user.deleted) return deletedText;
  return user.displayName || user.name;
}

/** Sorts Chinese by pinyin and Latin letters alike (ICU's `zh` pinyin collation; Unicode CLDR). */
const collator = new Intl.Collator('zh-u-co-pinyin', { sensitivity: 'base', numeric: true });

/** Compares two shown names in the Contacts list's order. */
export const compareNames = (a: string, b: string): number => collator.compare(a, b);

/** The letters WeChat groups contacts under: pinyin has no syllable starting with I, U or V. */
const PINYIN_LETTERS = 'ABCDEFGHJKLMNOPQRSTWXYZ';
/**
 * The first character of each letter's range in the pinyin collation (吖 ā, 八 bā, 嚓 cā, … 帀 zā): a Han
 * character's letter is that of the last boundary not after it. A collator trick in place of a pinyin table.
 */
const PINYIN_BOUNDARIES = [...'吖八嚓咑妸发旮哈丌咔垃呣拏噢妑七呥仨他屲夕丫帀'];

/** The letter (A–Z) a name is grouped under, or `#` when it starts with neither a Latin letter nor a Han character. */
export function groupLetter(name: string): string {
  const first = [...name.trim()][0] ?? '';
  const latin = first.normalize('NFD').charAt(0).toUpperCase();
  if (/^[A-Z]$/.test(latin)) return latin;
  if (!/^\p{Script=Han}$/u.test(first)) return '#';
  let at = -1;
  for (const [i, boundary] of PINYIN_BOUNDARIES.entries()) {
    if (collator.compare(first, boundary) < 0) break;
    at = i;
  }
  return at < 0 ? '#' : PINYIN_LETTERS.charAt(at);
}

/** One letter's section of the Contacts list. */
export interface LetterGroup<T> {
  letter: string;
  items: T[];
}

/**
 * Groups items by the letter of their shown name (`nameOf`), A to Z with `#` last as WeChat's list ends, each
 * group sorted by name in the pinyin collation.
 */
export function groupByLetter<T>(items: readonly T[], nameOf: (item: T) => string): LetterGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const letter = groupLetter(nameOf(item));
    groups.set(letter, [...(groups.get(letter) ?? []), item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '#' ? 1 : b === '#' ? -1 : a.localeCompare(b)))
    .map(([letter, list]) => ({ letter, items: list.sort((x, y) => compareNames(nameOf(x), nameOf(y))) }));
}
