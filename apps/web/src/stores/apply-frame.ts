import type { Chat, Message, ServerFrame, User } from '@pairchat/schema';
import type { AppStore } from './app-store.ts';
import { presenceUnknown, TYPING_SHOWN_MS } from './slices/presence.ts';

/** What a frame may ask of the rest of the app, beyond changing the state. */
export interface FrameEffects {
  /** The socket is (again) open as `user`: catch up on what was missed, or start over if the account changed. */
  ready(user: User): void;
  /** Something arrived in the open chat: tell the server it is read, if the person can see it. */
  markActiveRead(): void;
  /** A chat appeared whose peer's presence is unknown: refresh the chat list, the one source of presence. */
  refreshChatList(): void;
  /** Someone else's message arrived: a browser notification, if this tab should show one (notify-actions.ts). */
  notifyMessage(chat: Chat, message: Message): void;
  /** Contacts, requests or blocks changed in a way this tab cannot follow from the frame alone: fetch them again. */
  refreshPeople(): void;
}

/**
 * Applies one server frame (already checked against `ServerFrame`) to the store: the one place that knows what
 * each frame does, from the state it changes to the follow-up it asks for.
 */
export function applyFrame(store: AppStore, frame: ServerFrame, fx: FrameEffects, now: number = Date.now()): void {
  const s = store.getState();
  switch (frame.type) {
    case 'message': {
      const { chat, message } = frame;
      // A message already held comes again when its sender resent it (the server delivers a resend again): it is
      // merged by seq and raises no second notification.
      const held = s.histories[chat.id]?.messages.some((m) => m.seq === message.seq) === true;
      s.putChat(chat);
      s.addMessages(chat.id, [message]);
      // A message from my other tab may be one this tab still shows as pending (the same clientId).
      if (message.from === s.me?.id) {
        if (s.pending[message.clientId]) s.acked(message.clientId, message);
      } else if (!held) {
        s.typingStopped(message.from);
        fx.notifyMessage(chat, message);
      }
      if (chat.id === s.activeChatId) fx.markActiveRead();
      learnPresence(store, chat, fx);
      break;
    }
    case 'ack':
      s.acked(frame.clientId, frame.message);
      break;
    case 'message_updated':
      // A recall, by either person in any tab: the bubble, the chat list's preview and any quote of it follow.
      s.updateMessage(frame.chatId, frame.message);
      break;
    case 'message_deleted':
      s.deleteForMe(frame.chatId, frame.seq);
      // The chat list showed it as the last message: the server knows which one shows now.
      if (s.chats.find((c) => c.id === frame.chatId)?.lastMessage?.seq === frame.seq) fx.refreshChatList();
      break;
    case 'read':
      s.peerRead(frame.chatId, frame.seq);
      break;
    case 'chat_updated':
      s.putChat(frame.chat);
      learnPresence(store, frame.chat, fx);
      break;
    case 'chat_deleted':
      s.removeChat(frame.chatId);
      break;
    case 'typing':
      s.typingFrom(frame.from, now + TYPING_SHOWN_MS);
      break;
    case 'presence':
      s.setOnline(frame.userId, frame.online);
      break;
    case 'error':
      // `forbidden` with a reason is final (a block, not contacts): the bubble says so and offers no retry.
      if (frame.clientId) s.failed(frame.clientId, frame.code === 'forbidden' ? frame.reason : undefined);
      break;
    case 'contact_request':
      if (s.me) s.putRequest(frame.request, s.me.id);
      break;
    case 'contact_added':
    case 'contact_updated':
      s.putContact(frame.contact);
      s.setOnline(frame.contact.user.id, frame.contact.online);
      break;
    case 'contact_request_closed':
      s.closeRequest(frame.requestId);
      break;
    case 'contact_removed':
      s.removeContact(frame.userId);
      break;
    case 'block_updated': {
      const known = knownUser(s, frame.userId);
      if (known) s.setBlock(known, frame.blocked);
      else fx.refreshPeople();
      break;
    }
    case 'user_updated':
      s.userUpdated(frame.user);
      break;
    case 'ready':
      fx.ready(frame.user);
      break;
  }
}

/** What this tab knows of a person: a contact, a chat's peer, someone blocked or a request's other side. */
function knownUser(s: ReturnType<AppStore['getState']>, userId: string): User | undefined {
  return (
    s.contacts[userId]?.user ??
    s.chats.find((c) => c.peer.id === userId)?.peer ??
    s.blocked[userId] ??
    [...s.incoming.map((r) => r.from), ...s.outgoing.map((r) => r.to)].find((u) => u.id === userId)
  );
}

function learnPresence(store: AppStore, chat: Chat, fx: FrameEffects): void {
  if (presenceUnknown(store.getState(), chat.peer.id)) fx.refreshChatList();
}
