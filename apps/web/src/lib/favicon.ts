import plainIcon from '../../public/favicon.svg?raw';

/**
 * The tab's favicon carries the unread total as a red badge, as mail and chat web apps do (the title's "(3)
 * pairchat" says the same in words). The badged icon is the app's own public/favicon.svg with a circle and the
 * count drawn over its top-right corner, served as an SVG data: URL: no canvas, crisp at any size, and allowed by
 * the CSP (img-src 'self' data:). Only the `<link rel="icon">` of the page changes.
 */

/** The icon's own address, for no unread. */
export const PLAIN_ICON_HREF = '/favicon.svg';

/**
 * What the badge says for an unread total: nothing for none (or a total that is not a positive whole number),
 * the digit up to 9, "9+" above (two digits do not fit in a 16 px icon's corner).
 */
export function badgeLabel(total: number): string | null {
  if (!Number.isInteger(total) || total <= 0) return null;
  return total > 9 ? '9+' : String(total);
}

/**
 * The plain icon's SVG markup (viewBox 0 0 32 32) with the badge drawn last, over its top-right corner.
 * `label` is badgeLabel's answer: one or two characters.
 */
export function badgedIconSvg(plainSvg: string, label: string): string {
  const end = plainSvg.lastIndexOf('</svg>');
  if (end < 0) throw new Error('favicon: not an SVG document');
  const fontSize = label.length > 1 ? 12 : 15;
  const badge =
    '<circle cx="23" cy="9" r="9" fill="#d92d20" stroke="#fff" stroke-width="1.5"/>' +
    `<text x="23" y="9" dy="0.35em" text-anchor="middle" font-family="Arial,Helvetica,sans-serif" ` +
    `font-size="${fontSize}" font-weight="700" fill="#fff">${label}</text>`;
  return plainSvg.slice(0, end) + badge + plainSvg.slice(end);
}

/** The favicon's address for an unread total: the plain file, or the badged icon as a data: URL. */
export function faviconHref(total: number, plainSvg: string = plainIcon): string {
  const label = badgeLabel(total);
  if (label === null) return PLAIN_ICON_HREF;
  return `data:image/svg+xml,${encodeURIComponent(badgedIconSvg(plainSvg, label))}`;
}

/** Points the document's `<link rel="icon">` at the icon for an unread total; a no-op if the page has none. */
export function showUnreadOnFavicon(total: number, doc: Document = document): void {
  const link = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
  const href = faviconHref(total);
  if (link && link.getAttribute('href') !== href) link.setAttribute('href', href);
}
