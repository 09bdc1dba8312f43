import type { Chat } from '@pairchat/schema';
import type { MessageKey } from '../../i18n/index.ts';
import { updateChat } from '../../stores/message-actions.ts';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Pin / Unpin and Mute / Unmute for one chat box, the items the chat list's menu and the chat header's menu
 * share. `done` runs after the choice (it closes the menu and returns the focus).
 */
export function pinMuteItems(chat: Chat, t: Translate, done: () => void) {
  const change = (patch: { pinned?: boolean; muted?: boolean }) => () => {
    done();
    void updateChat(chat.id, patch).catch(() => undefined);
  };
  return [
    { label: t(chat.pinned ? 'unpin' : 'pin'), onSelect: change({ pinned: !chat.pinned }) },
    { label: t(chat.muted ? 'unmute' : 'mute'), onSelect: change({ muted: !chat.muted }) },
  ];
}
