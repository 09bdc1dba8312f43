/**
 * Case-insensitive identity of a user name, for uniqueness and prefix search: NFKC-folded (so compatibility forms
 * such as full-width letters match their plain forms, Unicode UAX #15) and lower-cased. "Ana" and "ＡＮＡ" are one
 * name.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
