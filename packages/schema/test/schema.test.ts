import { describe, expect, it } from 'vitest';
import {
  AuthBodySchema,
  ClientFrame,
  ContentSchema,
  MessagesQuerySchema,
  pairKey,
  SendBodySchema,
  ServerFrame,
  UserNameSchema,
} from '../src/index.ts';

describe('pairKey', () => {
  it('is the two ids in ascending order joined by _, whichever comes first', () => {
    expect(pairKey('b', 'a')).toBe('a_b');
    expect(pairKey('a', 'b')).toBe('a_b');
    expect(pairKey('B', 'a')).toBe('B_a'); // code-unit order: uppercase sorts first
    const x = 'f1b2c3d4-0000-4000-8000-000000000001';
    const y = '0a1b2c3d-0000-4000-8000-000000000002';
    expect(pairKey(x, y)).toBe(`${y}_${x}`);
    expect(pairKey(x, y)).toBe(pairKey(y, x));
  });
});

describe('names', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(UserNameSchema.safeParse('😀').success).toBe(false);
    expect(UserNameSchema.safeParse('字'.repeat(32)).success).toBe(true);
    expect(UserNameSchema.safeParse('字'.repeat(33)).success).toBe(false);
  });
  it('rejects operator objects and unknown fields in auth bodies', () => {
    expect(AuthBodySchema.safeParse({ name: { $gt: '' }, password: 'password1' }).success).toBe(false);
    expect(AuthBodySchema.safeParse({ name: 'ok', password: 'password1', role: 'admin' }).success).toBe(false);
  });
});

describe('content', () => {
  it('is trimmed, 1 to 4000 characters', () => {
    expect(ContentSchema.parse('  hi \n')).toBe('hi');
    expect(ContentSchema.safeParse(' \n\t').success).toBe(false);
    expect(ContentSchema.safeParse('x'.repeat(4001)).success).toBe(false);
    expect(SendBodySchema.parse({ clientId: 'a', content: ` ${'x'.repeat(4000)} ` }).content).toHaveLength(4000);
  });
  it('keeps RTL and emoji as text; refuses a NUL (text.test.ts: control characters)', () => {
    const text = 'ab \u202Eabc 👩‍👩‍👧';
    expect(ContentSchema.parse(text)).toBe(text);
    expect(ContentSchema.safeParse('a\u0000b').success).toBe(false);
  });
});

describe('query cursors', () => {
  it('takes whole numbers only', () => {
    expect(MessagesQuerySchema.parse({ before: '10', limit: '5' })).toEqual({ before: 10, limit: 5 });
    for (const bad of [{ before: '1.5' }, { after: '-1' }, { limit: '0' }, { limit: '201' }, { before: '1e3' }]) {
      expect(MessagesQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('frames', () => {
  it('client frames are a discriminated union on type, strict', () => {
    expect(ClientFrame.parse({ type: 'typing', to: 'abc' })).toEqual({ type: 'typing', to: 'abc' });
    expect(ClientFrame.safeParse({ type: 'typing', to: 'abc', from: 'x' }).success).toBe(false);
    expect(ClientFrame.safeParse({ type: 'ack', clientId: 'a' }).success).toBe(false);
    expect(ClientFrame.safeParse({ type: 'read', chatId: 'a', seq: '1' }).success).toBe(false);
  });
  it('server frames parse what the server sends', () => {
    expect(ServerFrame.parse({ type: 'presence', userId: 'a', online: true }).type).toBe('presence');
    expect(ServerFrame.safeParse({ type: 'error', code: 'teapot', message: '' }).success).toBe(false);
  });
});
