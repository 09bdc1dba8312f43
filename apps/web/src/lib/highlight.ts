/**
 * A text cut into pieces around every occurrence of `q`, matched the way the server's search matches (a
 * substring, Latin without regard to case), for showing the match highlighted as text, never as HTML. Case is
 * folded per code unit with `toLowerCase` only where that keeps the length, so the pieces stay aligned with the
 * original text (the few characters whose lower case is longer, like İ, are then matched exactly).
 */
export function highlightParts(text: string, q: string): { text: string; match: boolean }[] {
  const needle = q.trim();
  if (!needle) return [{ text, match: false }];
  const fold = (s: string) => {
    const lower = s.toLowerCase();
    return lower.length === s.length ? lower : s;
  };
  const hay = fold(text);
  const find = fold(needle);
  const parts: { text: string; match: boolean }[] = [];
  let from = 0;
  for (let at = hay.indexOf(find); at !== -1; at = hay.indexOf(find, at + find.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + find.length), match: true });
    from = at + find.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** How many characters before the first match a one-line result keeps (WeChat's result rows do the same). */
const LEAD = 12;
/** A text this short (in characters) fits a result row whole: nothing is cut from it. */
const FITS = 24;

/**
 * A one-line excerpt of `text` that shows its first match of `q`: what comes long before it is cut to "…" so
 * the match is in view however long the message is.
 */
export function snippetAround(text: string, q: string): string {
  const at = highlightParts(text, q).findIndex((p) => p.match);
  if (at < 0) return text;
  const offset = highlightParts(text, q)
    .slice(0, at)
    .reduce((n, p) => n + p.text.length, 0);
  if (offset <= LEAD || Array.from(text).length <= FITS) return text;
  const start = Array.from(text.slice(0, offset)).slice(-LEAD).join('');
  return `…${start}${text.slice(offset)}`;
}
