import { notificationPreview, type Message } from '@pairchat/schema';
import type { PushLog, PushNotifier } from '../push/push-sender.ts';
import type { Presence } from '../realtime/presence/port.ts';
import { isMuted, type ChatBox } from './rules.ts';

/** What a push to an offline recipient needs: who is online anywhere, the push sender (none: no pushes), a log. */
export interface OfflinePush {
  presence: Pick<Presence, 'onlineAmong'>;
  notifier?: PushNotifier | undefined;
  log?: PushLog | undefined;
  /** The recipient's remark for the sender (备注), `""` when none: shown as the title instead of the sender's name. */
  remarkOf?: ((ownerId: string, contactId: string) => Promise<string>) | undefined;
}

/**
 * Web Push for a recipient who has no open socket on any process (their tabs show the message themselves), unless
 * the chat is muted (contract: "a muted chat … raises no notification"): the recipient's remark for the sender, else
 * the sender's display name, else their sign-in name (the name the app shows for them, as WeChat's 备注 then 昵称), as
 * the title and the preview as the body, about the recipient's own chat `box`. Runs in the background: delivery to
 * sockets never waits for it, and a failure is only logged.
 */
export function pushIfOffline(deps: OfflinePush, userId: string, box: ChatBox, message: Message): void {
  const { presence, notifier, log, remarkOf } = deps;
  if (!notifier || isMuted(box)) return;
  presence
    .onlineAmong([userId])
    .then(async (online) => {
      if (online.has(userId)) return;
      const title = (await remarkOf?.(userId, message.from)) || box.peer.displayName || message.name;
      notifier.notify(userId, { chatId: box.id, title, body: notificationPreview(message) });
    })
    .catch((err: unknown) => log?.warn({ err }, 'push on message failed'));
}
