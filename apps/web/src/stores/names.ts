import type { User } from '@pairchat/schema';
import { LANGS } from '../i18n/index.ts';
import { shownName } from '../lib/people.ts';
import type { AppState } from './app-store.ts';

/**
 * The name this tab shows for `user` (lib/people.ts `shownName`): my remark for them if they are my contact, else
 * "Deleted account" in the current language, else their display name, else their sign-in name. The one rule every
 * screen and notification uses.
 */
export function nameIn(s: Pick<AppState, 'contacts' | 'lang'>, user: User): string {
  return shownName(user, s.contacts[user.id]?.remark, LANGS[s.lang].deletedAccount);
}

/**
 * Whether a search text (already lower-cased) finds `user`: in the name I see for them, their display name or
 * their sign-in name, as WeChat's search finds a contact by remark, nickname or WeChat ID.
 */
export function nameMatches(s: Pick<AppState, 'contacts' | 'lang'>, user: User, needle: string): boolean {
  return [nameIn(s, user), user.displayName ?? '', user.name].some((n) => n.toLowerCase().includes(needle));
}
