import { describe, expect, it } from 'vitest';
import { pairFormSchema } from './pairs';

const form = (category: string) =>
  pairFormSchema.safeParse({ question: 'Do you deliver?', answer: 'Yes.', category });

describe('pairFormSchema: categories', () => {
  it('accepts letters and digits of any script, composed or not, as the server does', () => {
    for (const category of [
      'général',
      'ge\u0301ne\u0301ral',
      'Große Preise',
      '価格',
      'ціни-2026',
      'हिन्दी',
      'தமிழ்',
      'general_1',
      'stationery & more',
      "kids' books",
      'kids’ books',
      'cards/gifts',
      'tea, coffee',
      'st. ives',
      'c++',
      'gifts (wrapped)',
    ]) {
      expect(form(category).success, category).toBe(true);
    }
    expect(form('ge\u0301ne\u0301ral').data?.category).toBe('général');
  });

  it('refuses other signs with the same words', () => {
    for (const category of ['prix/€', 'tarifs!', 'a<b>', 'say "hi"', 'x;y', 'tab\there']) {
      const result = form(category);
      expect(result.success, category).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        "Categories may hold letters, digits, spaces and _ - & ' . , / + ( ).",
      );
    }
  });
});
