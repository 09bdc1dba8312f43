import { describe, expect, it } from 'vitest';
import { groupByLetter, groupLetter, shownName } from './people.ts';

describe('shownName', () => {
  const ana = { id: 'a', name: 'ana', displayName: 'Ana Lima', avatar: null, deleted: false };
  it('is my remark first', () => {
    expect(shownName(ana, 'Sister', 'Deleted account')).toBe('Sister');
  });
  it('is the display name without a remark', () => {
    expect(shownName(ana, '', 'Deleted account')).toBe('Ana Lima');
    expect(shownName(ana, undefined, 'Deleted account')).toBe('Ana Lima');
  });
  it('is the sign-in name without a display name', () => {
    expect(shownName({ ...ana, displayName: null }, undefined, 'x')).toBe('ana');
    expect(shownName({ id: 'a', name: 'ana' }, undefined, 'x')).toBe('ana');
  });
  it('is the deleted text for a deleted account, unless I set a remark', () => {
    expect(shownName({ ...ana, deleted: true }, '', '已注销')).toBe('已注销');
    expect(shownName({ ...ana, deleted: true }, 'Old friend', '已注销')).toBe('Old friend');
  });
});

describe('groupLetter', () => {
  it('puts Chinese names under the letter of their pinyin', () => {
    expect(groupLetter('阿明')).toBe('A');
    expect(groupLetter('张三')).toBe('Z');
    expect(groupLetter('刘洋')).toBe('L');
    expect(groupLetter('马丽')).toBe('M');
    expect(groupLetter('王五')).toBe('W');
    expect(groupLetter('欧阳')).toBe('O');
  });
  it('puts Latin names under their first letter, accents ignored', () => {
    expect(groupLetter('bob')).toBe('B');
    expect(groupLetter('Émile')).toBe('E');
  });
  it('puts everything else under #', () => {
    expect(groupLetter('123')).toBe('#');
    expect(groupLetter('😀 smile')).toBe('#');
    expect(groupLetter('Дима')).toBe('#');
    expect(groupLetter('')).toBe('#');
  });
});

describe('groupByLetter', () => {
  it('orders groups A to Z with # last, and names by pinyin within a group', () => {
    const names = ['张三', 'zoe', '阿明', 'alice', '9lives', '赵六', 'Ben'];
    const groups = groupByLetter(names, (n) => n);
    expect(groups.map((g) => g.letter)).toEqual(['A', 'B', 'Z', '#']);
    expect(groups[0]!.items).toEqual(expect.arrayContaining(['阿明', 'alice']));
    expect(groups[2]!.items.indexOf('张三')).toBeLessThan(groups[2]!.items.indexOf('赵六'));
    expect(groups[3]!.items).toEqual(['9lives']);
  });
});
