import { describe, expect, it } from 'vitest';
import { nameIn, nameMatches } from './names.ts';

const ben = { id: 'b', name: 'ben.k', displayName: 'Benjamin', avatar: null, deleted: false };
const contacts = { b: { user: ben, remark: '老王', online: false } };

describe('nameIn', () => {
  it('is my remark for a contact, else their display name', () => {
    expect(nameIn({ contacts, lang: 'en' }, ben)).toBe('老王');
    expect(nameIn({ contacts: {}, lang: 'en' }, ben)).toBe('Benjamin');
  });
  it('names a deleted account in the language of the interface', () => {
    const gone = { ...ben, deleted: true };
    expect(nameIn({ contacts: {}, lang: 'en' }, gone)).toBe('Deleted account');
    expect(nameIn({ contacts: {}, lang: 'zh' }, gone)).toBe('已注销');
  });
});

describe('nameMatches', () => {
  it('finds a person by remark, display name or sign-in name, in any case', () => {
    const s = { contacts, lang: 'en' as const };
    for (const needle of ['老王', 'benja', 'ben.k']) expect(nameMatches(s, ben, needle)).toBe(true);
    expect(nameMatches(s, ben, 'ana')).toBe(false);
  });
});
