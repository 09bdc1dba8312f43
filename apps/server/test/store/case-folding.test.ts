import { describe, expect, it } from 'vitest';
import { caseVariants, foldCase } from '../../src/store/sqlite/case-folding.ts';

// The spellings the SQLite search's short path asks for (store/sqlite/case-folding.ts): every one folds as the
// query does, by the rule the trigram path checks with.
describe('case variants of a short query', () => {
  it('are not needed for ASCII, nor for letters without case', () => {
    expect(caseVariants('ab')).toBeNull();
    expect(caseVariants('天气')).toBeNull();
    expect(caseVariants('😀')).toBeNull();
  });

  it('are every spelling that folds alike, the query among them', () => {
    expect(caseVariants('üB')?.sort()).toEqual(['ÜB', 'Üb', 'üB', 'üb'].sort());
    expect(caseVariants('ς')?.sort()).toEqual(['Σ', 'ς', 'σ'].sort());
    // The Kelvin sign folds to k, so a k beside a letter outside ASCII is asked for as all three.
    expect(caseVariants('ék')).toEqual(expect.arrayContaining(['éK', 'ÉK', 'é\u212A']));
    for (const q of ['üB', 'ς', 'ék', 'ΟΣ', 'ẞ']) {
      for (const v of caseVariants(q)!) expect(foldCase(v), `${q} → ${v}`).toBe(foldCase(q));
    }
  });
});
