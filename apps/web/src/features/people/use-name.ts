import type { User } from '@pairchat/schema';
import { useApp } from '../../stores/app-store.ts';
import { nameIn } from '../../stores/names.ts';

/**
 * The name I see for a person (remark, "Deleted account", display name, sign-in name), kept current; `""` for no
 * person (a chat not loaded yet).
 */
export function useName(user: User | undefined): string {
  return useApp((s) => (user ? nameIn(s, user) : ''));
}
