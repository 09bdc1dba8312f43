import { describe, expect, it } from 'vitest';
import {
  confusableSkeleton,
  legacyNameKey,
  nameKey,
  nameProblem,
  nameSkeleton,
  prepareName,
  UserNameSchema,
} from '../src/index.ts';

const ok = (name: string) => UserNameSchema.safeParse(name).success;
const reason = (name: string) => {
  const r = UserNameSchema.safeParse(name);
  return r.success ? null : r.error.issues[0]?.message;
};

describe('names: invisible and default-ignorable code points (issue 12 item 5)', () => {
  it.each([
    ['U+034F combining grapheme joiner', 'ana\u034f'],
    ['U+FE0F variation selector 16', 'ana\ufe0f'],
    ['U+180B Mongolian free variation selector', 'ana\u180b'],
    ['U+E0100 variation selector 17', 'ana\u{E0100}'],
    ['U+200D zero width joiner', 'a\u200dna'],
    ['U+3164 Hangul filler alone', '\u3164'],
    ['only invisible marks', '\u034f\ufe0f'],
  ])('refuses %s', (_, name) => {
    expect(reason(name)).toBe('a name cannot contain invisible characters');
  });

  it('still accepts letters of any script, digits and _ - .', () => {
    for (const name of [
      'ana',
      'Ana_B-2.x',
      '李小龙',
      'Ἀχιλλεύς',
      'Иван',
      'שלום',
      'محمد',
      'नमस्ते',
      '한국어',
      'やまだタロウ',
    ])
      expect(ok(name), name).toBe(true);
  });
});

describe('names: counted in characters', () => {
  it('is 1 to 32 user-perceived characters', () => {
    expect(ok('字'.repeat(32))).toBe(true);
    expect(ok('字'.repeat(33))).toBe(false);
    expect(ok('नमस्ते'.repeat(10) + 'नम')).toBe(true); // 62 code points, 32 characters (स्ते is one)
    expect(ok('नमस्ते'.repeat(11))).toBe(false);
    expect(ok('')).toBe(false);
    expect(ok('😀')).toBe(false);
  });
});

describe('names: case folding as Unicode does it', () => {
  it('gives ß, SS, ss and ẞ one key', () => {
    expect(nameKey('Straße')).toBe('strasse');
    expect(nameKey('STRASSE')).toBe(nameKey('straße'));
    expect(nameKey('STRAẞE')).toBe(nameKey('strasse'));
  });

  it('gives Greek final sigma, sigma and capital sigma one key', () => {
    expect(nameKey('ΣΟΦΟΣ')).toBe(nameKey('σοφος'));
    expect(nameKey('σοφοσ')).toBe(nameKey('σοφος'));
  });

  it('folds Cherokee, Kelvin sign and fullwidth letters, and composed and decomposed letters alike', () => {
    expect(nameKey('ᏣᎳᎩ')).toBe(nameKey('ꮳꮃꭹ'));
    expect(nameKey('\u212a')).toBe(nameKey('k'));
    expect(nameKey('Ａｎａ')).toBe('ana');
    expect(nameKey('José')).toBe(nameKey('JOSE\u0301'));
  });

  it('keeps plain ASCII and CJK keys as the legacy key had them', () => {
    for (const name of ['alice', 'Bob_2', 'x.y-z', '李小龙', 'Иван']) expect(nameKey(name)).toBe(legacyNameKey(name));
  });
});

describe('names: width mapping and NFC (RFC 8265)', () => {
  it('stores fullwidth as ASCII and decomposed as composed', () => {
    expect(UserNameSchema.parse('Ａｎａ')).toBe('Ana');
    expect(UserNameSchema.parse('Jose\u0301')).toBe('José');
    expect(prepareName('ｶﾞ')).toBe('ガ');
  });

  it('refuses compatibility forms that imitate letters', () => {
    expect(reason('𝐚𝐧𝐚')).toBe('a name cannot use compatibility forms of letters or digits');
    expect(ok('ﬁsh')).toBe(false);
    expect(ok('a①')).toBe(false);
  });
});

describe('names: mixed scripts and look-alikes (UTS #39)', () => {
  it('refuses Latin mixed with Cyrillic or Greek', () => {
    expect(reason('аna')).toBe('a name cannot mix scripts whose letters look alike'); // Cyrillic а + Latin
    expect(ok('pαypal')).toBe(false); // Greek alpha
    expect(ok('Ꭺlice')).toBe(false); // Cherokee is not a Recommended script
  });

  it('allows Latin with Japanese, Chinese or Korean, as the Highly Restrictive level does', () => {
    expect(ok('tanaka田中たなか')).toBe(true);
    expect(ok('kim김철수')).toBe(true);
  });

  it('refuses digits of two numbering systems and misplaced marks', () => {
    expect(reason('a1२')).toBe('a name cannot mix digits of different numbering systems');
    expect(ok('\u0301ana')).toBe(false);
    expect(ok('a\u0301\u0301')).toBe(false);
  });

  it('gives a Cyrillic look-alike of ana the same skeleton, whole-script too', () => {
    expect(nameSkeleton('аnа')).toBe(nameSkeleton('ana'));
    expect(nameSkeleton('аоі')).toBe(nameSkeleton('aoi')); // all Cyrillic: passes the script rule, meets the skeleton
    expect(ok('аоі')).toBe(true);
  });

  it('gives look-alikes across case one skeleton, and unrelated names different ones', () => {
    expect(nameSkeleton('aIice')).toBe(nameSkeleton('alice'));
    expect(nameSkeleton('АLICE')).toBe(nameSkeleton('ALICE')); // Cyrillic А
    expect(nameSkeleton('ΑLICE')).toBe(nameSkeleton('alice'.toUpperCase())); // Greek Α
    expect(nameSkeleton('Ana')).toBe(nameSkeleton('ana'));
    expect(nameSkeleton('rnary')).toBe(nameSkeleton('mary'));
    expect(nameSkeleton('bob')).not.toBe(nameSkeleton('bib'));
  });

  it('computes UTS #39 skeleton: NFD, default-ignorables removed, prototypes, NFD', () => {
    expect(confusableSkeleton('pаypal')).toBe('paypal');
    expect(confusableSkeleton('ana\u034f')).toBe('ana');
    expect(confusableSkeleton('é')).toBe('e\u0301');
  });
});

describe('names: right-to-left (RFC 5893 Bidi Rule)', () => {
  it('accepts a Hebrew or Arabic name with digits and refuses one mixed with Latin or starting with a digit', () => {
    expect(ok('שלום2')).toBe(true);
    expect(ok('محمد_علي')).toBe(true);
    expect(reason('שלוםabc')).not.toBeNull();
    expect(nameProblem('1שלום')).toBe('a right-to-left name must keep its direction (RFC 5893)');
    expect(nameProblem('שלום_')).toBe('a right-to-left name must keep its direction (RFC 5893)');
  });
});
