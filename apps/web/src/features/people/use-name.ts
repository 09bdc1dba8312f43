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

/**
 * The name I see for who wrote a message of my chat with `peer`: the peer's as I name them (a remark), else the
 * name the message was sent under (mine).
 */
export function useSenderName(peer: User | undefined, from: string | undefined, name: string | undefined): string {
  return useApp((s) => (peer && from === peer.id ? nameIn(s, peer) : (name ?? '')));
}
