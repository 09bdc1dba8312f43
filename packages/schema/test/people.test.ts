import { describe, expect, it } from 'vitest';
import {
  ContactRequestBodySchema,
  DisplayNameSchema,
  PatchMeBodySchema,
  RemarkSchema,
  ServerFrame,
  UserSchema,
} from '../src/index.ts';

describe('display names, remarks and notes', () => {
  it('a display name is 1–32 characters of any text, trimmed', () => {
    expect(DisplayNameSchema.parse('  王小明 🐼  ')).toBe('王小明 🐼');
    expect(DisplayNameSchema.safeParse('👨‍👩‍👧'.repeat(32)).success).toBe(true);
    expect(DisplayNameSchema.safeParse('a'.repeat(33)).success).toBe(false);
    expect(DisplayNameSchema.safeParse('  \u200b ').success).toBe(false);
    expect(DisplayNameSchema.safeParse('a\nb').success).toBe(false);
    expect(DisplayNameSchema.safeParse('a\ud800').success).toBe(false);
  });

  it('a remark may be empty (no remark) but not 33 characters or invisible-only', () => {
    expect(RemarkSchema.parse('')).toBe('');
    expect(RemarkSchema.parse(' 老王 ')).toBe('老王');
    expect(RemarkSchema.safeParse('字'.repeat(32)).success).toBe(true);
    expect(RemarkSchema.safeParse('字'.repeat(33)).success).toBe(false);
    expect(RemarkSchema.safeParse('\u200b').success).toBe(false);
    // 32 of the longest emoji (a family of four: 11 UTF-16 units each) are 32 characters.
    expect(RemarkSchema.safeParse('👨‍👩‍👧‍👦'.repeat(32)).success).toBe(true);
  });

  it('refuses bidi overrides (name spoofing) and says when text is ill-formed', () => {
    expect(DisplayNameSchema.safeParse('\u202eana').success).toBe(false);
    expect(RemarkSchema.safeParse('a\u2066b').success).toBe(false);
    const lone = RemarkSchema.safeParse('a\ud800');
    expect(lone.success).toBe(false);
    expect(lone.error?.issues[0]?.message).toMatch(/well-formed/);
  });

  it('a request note is optional and at most 100 characters', () => {
    expect(ContactRequestBodySchema.parse({ userId: 'u1' })).toEqual({ userId: 'u1' });
    expect(ContactRequestBodySchema.safeParse({ userId: 'u1', note: 'x'.repeat(101) }).success).toBe(false);
    expect(ContactRequestBodySchema.safeParse({ userId: 'u1', extra: 1 }).success).toBe(false);
  });
});

describe('profile and frames', () => {
  it('PATCH /api/me needs something to change; avatar may be null', () => {
    expect(PatchMeBodySchema.safeParse({}).success).toBe(false);
    expect(PatchMeBodySchema.parse({ avatar: null })).toEqual({ avatar: null });
    expect(PatchMeBodySchema.safeParse({ avatar: 'not an id!' }).success).toBe(false);
  });

  it('a user keeps displayName, avatar and deleted through parsing (a frame is not stripped of them)', () => {
    const user = { id: 'u1', name: 'ana', displayName: 'Ana 🌸', avatar: 'm1', deleted: false };
    expect(UserSchema.parse(user)).toEqual(user);
    const frame = ServerFrame.parse({ type: 'user_updated', user });
    expect(frame).toEqual({ type: 'user_updated', user });
  });

  it('an error frame may say why a send was refused', () => {
    const frame = { type: 'error', code: 'forbidden', message: 'rejected', clientId: 'c1', reason: 'blocked' };
    expect(ServerFrame.parse(frame)).toEqual(frame);
    expect(ServerFrame.safeParse({ ...frame, reason: 'other' }).success).toBe(false);
  });
});
