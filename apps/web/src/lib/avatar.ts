/** Colours with enough contrast for white initials (each ≥ 4.5:1 against #fff). */
const PALETTE = [
  '#1f6f43',
  '#2b5797',
  '#8e44ad',
  '#b03a2e',
  '#7a5c00',
  '#00695c',
  '#5d4037',
  '#c2185b',
  '#37474f',
  '#3949ab',
];

/** A stable colour for an id: the same person has the same colour everywhere. */
export function avatarColor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

/** One or two characters: the first letters of the name's parts, or its first character for CJK names. */
export function initials(name: string): string {
  const parts = name.split(/[._-]+/).filter(Boolean);
  const chars = parts.length > 1 ? [[...parts[0]!][0], [...parts[1]!][0]] : [...name].slice(0, 2);
  const text = chars.join('');
  return /[\u3400-\u9fff]/.test(text) ? [...name][0]! : text.toUpperCase();
}
