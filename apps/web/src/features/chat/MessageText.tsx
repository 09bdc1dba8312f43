import { useMemo } from 'react';
import { linkParts } from '../../lib/links.ts';

/**
 * A message's text with its web and e-mail addresses as links (lib/links.ts), built as React elements, never as
 * HTML. Links open in a new tab that cannot reach back into this one (`noopener`) nor learn where it came from
 * (`noreferrer`).
 */
export function MessageText({ text }: { text: string }) {
  const parts = useMemo(() => linkParts(text), [text]);
  return parts.map((part, i) =>
    part.href ? (
      <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
        {part.text}
      </a>
    ) : (
      part.text
    ),
  );
}
