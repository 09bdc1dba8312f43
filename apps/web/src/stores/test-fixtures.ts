import type { Chat, Message } from '@pairchat/schema';
import type { FrameEffects } from './apply-frame.ts';
import type { PendingMessage } from './slices/messages.ts';

/** Test data for the store tests. */
export const msg = (seq: number, extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  seq,
  chatKey: 'a_b',
  from: 'a',
  to: 'b',
  name: 'ana',
  kind: 'text',
  content: `message ${seq}`,
  media: null,
  replyTo: null,
  recalled: false,
  date: new Date(Date.UTC(2026, 10, 27, 10, 0, seq)).toISOString(),
  clientId: `c${seq}`,
  ...extra,
});

export const chat = (id: string, updatedAt: string, extra: Partial<Chat> = {}): Chat => ({
  id,
  peer: { id: `peer-${id}`, name: id },
  unread: 0,
  lastMessage: null,
  updatedAt,
  peerReadSeq: 0,
  clearedSeq: 0,
  pinned: false,
  muted: false,
  ...extra,
});

export const pendingMessage = (clientId: string, extra: Partial<PendingMessage> = {}): PendingMessage => ({
  clientId,
  chatId: 'c1',
  to: 'b',
  content: 'hi',
  date: '2026-01-01T00:00:01.000Z',
  status: 'pending',
  sentAt: 1_000,
  replyTo: null,
  ...extra,
});

/** Frame effects that only record what they were asked, in order, into `asked`. */
export const recordingEffects = (asked: string[]): FrameEffects => ({
  ready: (user) => asked.push(`ready ${user.id}`),
  markActiveRead: () => asked.push('markActiveRead'),
  refreshChatList: () => asked.push('refreshChatList'),
  notifyMessage: (_chat, message) => asked.push(`notifyMessage ${message.id}`),
  refreshPeople: () => asked.push('refreshPeople'),
});
