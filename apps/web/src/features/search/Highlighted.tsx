import { highlightParts } from '../../lib/highlight.ts';

/** `text` with every match of `q` in <mark>, built as React elements (never as HTML). */
export function Highlighted({ text, q }: { text: string; q: string }) {
  return highlightParts(text, q).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text));
}
