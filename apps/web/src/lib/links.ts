import { find } from 'linkifyjs';

/** A piece of a message: plain text, or an address with the link it opens. */
export interface TextPart {
  text: string;
  href?: string;
}

/** The only kinds of link a message may carry (OWASP XSS cheat sheet: allow-list URL schemes). */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** A scheme right before a match ("javascript://example.com"): the match is the tail of an address in it. */
const SCHEME_BEFORE = /[a-z][a-z0-9+.-]*:\/*$/i;

/** The href if it opens a web page or an e-mail, else null (javascript:, data:, file:, ftp: … never link). */
export function safeHref(href: string): string | null {
  try {
    return SAFE_PROTOCOLS.has(new URL(href).protocol) ? href : null;
  } catch {
    return null;
  }
}

/**
 * Splits a message into text and links, found by linkifyjs (web addresses with or without a scheme, e-mail
 * addresses). Joined again, the parts' texts are exactly the message: nothing is dropped or rewritten.
 */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const found of find(text)) {
    const href = found.isLink ? safeHref(found.href) : null;
    if (!href || SCHEME_BEFORE.test(text.slice(0, found.start))) continue;
    if (found.start > at) parts.push({ text: text.slice(at, found.start) });
    parts.push({ text: text.slice(found.start, found.end), href });
    at = found.end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at) });
  return parts;
}
