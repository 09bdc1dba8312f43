/**
 * The MongoDB adapter's search keys. MongoDB's own text index splits words at spaces and stems them, so it finds
 * neither "天气" inside "今天天气很好" nor "ell" inside "hello"; its `$regex` over a pair's messages is a scan. So each
 * text message stores the distinct single characters and character pairs (bigrams) of its case-folded text in a
 * `grams` array with a multikey index on (chatKey, grams): a search asks for every bigram of the query (`$all`,
 * the one character of a one-character query) in my chats only (`chatKey $in`), which the index answers, and the
 * few candidates are then checked as a real substring. Bigrams rather than trigrams: most Chinese words are two
 * characters, and a two-character query then needs no fallback.
 */

/** Case folding for search: full Unicode lower case (so "Ä" finds "ä"), the same on both sides of a match. */
export function searchFold(text: string): string {
  return text.toLowerCase();
}

/** The keys stored with a text message: its distinct characters and distinct bigrams (code points). */
export function messageGrams(content: string): string[] {
  const chars = [...searchFold(content)];
  const grams = new Set(chars);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** The keys every message containing `text` has: its bigrams, or the one character of a one-character query. */
export function queryGrams(text: string): string[] {
  const chars = [...searchFold(text)];
  if (chars.length === 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}
