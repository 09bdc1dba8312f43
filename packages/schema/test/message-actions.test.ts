import { describe, expect, it } from 'vitest';
import {
  ClientFrame,
  MessageSchema,
  MessagesQuerySchema,
  PatchChatBodySchema,
  SearchQuerySchema,
  SendBodySchema,
  ServerFrame,
} from '../src/index.ts';

const message = {
  id: 'm1',
  seq: 3,
  chatKey: 'a_b',
  from: 'a',
  to: 'b',
  name: 'ana',
  kind: 'image',
  content: '',
  media: { id: 'p1', name: 'cat.png', mime: 'image/png', size: 10, width: 4, height: 3 },
  replyTo: { seq: 1, from: 'b', name: 'ben', kind: 'text', preview: 'hi' },
  recalled: false,
  date: '2026-11-29T10:00:00.000Z',
  clientId: 'c1',
};

describe('a message with kind, media, reply and recall', () => {
  it('parses, and refuses an unknown kind or a reply without its seq', () => {
    expect(MessageSchema.parse(message)).toEqual(message);
    expect(MessageSchema.safeParse({ ...message, kind: 'video' }).success).toBe(false);
    expect(MessageSchema.safeParse({ ...message, replyTo: { ...message.replyTo, seq: 0 } }).success).toBe(false);
    expect(MessageSchema.safeParse({ ...message, recalled: undefined }).success).toBe(false);
  });
});

describe('the send body and frame', () => {
  it('text needs content and no media; media needs a mediaId and no content; replyTo is a seq from 1', () => {
    const ok = (body: object) => SendBodySchema.safeParse({ clientId: 'c', ...body }).success;
    expect(ok({ content: 'hi' })).toBe(true);
    expect(ok({ content: 'hi', kind: 'text', replyTo: 4 })).toBe(true);
    expect(ok({ kind: 'voice', mediaId: 'v1', replyTo: 1 })).toBe(true);
    expect(ok({})).toBe(false);
    expect(ok({ kind: 'image' })).toBe(false);
    expect(ok({ kind: 'image', mediaId: 'p1', content: 'caption' })).toBe(false);
    expect(ok({ content: 'hi', mediaId: 'p1' })).toBe(false);
    expect(ok({ content: 'hi', replyTo: 0 })).toBe(false);
    expect(ok({ content: 'hi', replyTo: '4' })).toBe(false);
    expect(ok({ content: 'hi', kind: 'sticker' })).toBe(false);
    expect(ok({ content: 'hi', extra: 1 })).toBe(false);
    const frame = { type: 'send', to: 'b', clientId: 'c' };
    expect(ClientFrame.safeParse({ ...frame, kind: 'file', mediaId: 'f1' }).success).toBe(true);
    expect(ClientFrame.safeParse({ ...frame, kind: 'file' }).success).toBe(false);
  });
});

describe('queries and bodies of the actions', () => {
  it('around goes alone; search q is 1–100 visible characters, trimmed; PATCH needs pinned or muted', () => {
    expect(MessagesQuerySchema.parse({ around: '12', limit: '20' })).toEqual({ around: 12, limit: 20 });
    expect(MessagesQuerySchema.safeParse({ around: '12', after: '3' }).success).toBe(false);
    expect(SearchQuerySchema.parse({ q: '  天气 ' })).toEqual({ q: '天气' });
    expect(SearchQuerySchema.safeParse({ q: '👨‍👩‍👧'.repeat(100) }).success).toBe(true);
    for (const q of ['', '   ', '\u200b', 'a'.repeat(101), '字'.repeat(101), '\ud800', 'a\u0000b', 'a\u0007b']) {
      expect(SearchQuerySchema.safeParse({ q }).success, JSON.stringify(q)).toBe(false);
    }
    expect(SearchQuerySchema.safeParse({ q: 'x', limit: '101' }).success).toBe(false);
    expect(PatchChatBodySchema.safeParse({ pinned: true }).success).toBe(true);
    expect(PatchChatBodySchema.safeParse({}).success).toBe(false);
    expect(PatchChatBodySchema.safeParse({ muted: 'yes' }).success).toBe(false);
  });

  it('the new server frames', () => {
    expect(ServerFrame.safeParse({ type: 'message_updated', chatId: 'c1', message }).success).toBe(true);
    expect(ServerFrame.safeParse({ type: 'message_deleted', chatId: 'c1', seq: 3 }).success).toBe(true);
    expect(ServerFrame.safeParse({ type: 'message_deleted', chatId: 'c1', seq: 0 }).success).toBe(false);
  });
});
