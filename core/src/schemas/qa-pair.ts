import { categoryCharacters, categoryPattern, pairLimits } from '@clara/contract';
import { z } from 'zod';
import { isStorableText, unstorableTextMessage } from './storable-text';

export const defaultCategories = [
  'pricing',
  'process',
  'developers',
  'retention',
  'case_studies',
  'comparisons',
  'general',
] as const;

export const qaSources = ['manual', 'csv_import', 'transcript_extraction'] as const;
export type QaSource = (typeof qaSources)[number];

/** A Q&A pair as an owner writes it (manual entry, one CSV row); its limits are the contract's. */
export const qaPairInputSchema = z.object({
  question: z
    .string()
    .trim()
    // An empty cell says so, as an empty answer does ("question is too short" read as a typo).
    .min(pairLimits.question.min, {
      error: (issue) => (issue.input === '' ? 'question is empty' : 'question is too short'),
    })
    .max(pairLimits.question.max, 'question is over 1,000 characters')
    .refine(isStorableText, unstorableTextMessage('question')),
  answer: z
    .string()
    .trim()
    .min(pairLimits.answer.min, 'answer is empty')
    .max(pairLimits.answer.max, 'answer is over 10,000 characters')
    .refine(isStorableText, unstorableTextMessage('answer')),
  // The owner's label as typed ("First visit", "Gift Vouchers"): trimmed, composed (a decomposed é
  // is a letter once composed), inner whitespace one space. The store gives it the spelling the
  // workspace already uses for the same category (`categoryKey`), so "pricing" and "Pricing" do not split.
  category: z
    .string()
    .transform((c) => c.trim().normalize('NFC').replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .max(pairLimits.category, 'category is over 50 characters')
        // The contract's rule (the admin form checks the same): letters and digits of any script.
        .regex(categoryPattern, `category may hold ${categoryCharacters}`),
    )
    .transform((c) => (c === '' ? 'general' : c))
    .default('general'),
});

export type QaPairInput = z.infer<typeof qaPairInputSchema>;

/**
 * What two spellings of one category share: case, spaces, `_` and `-` ignored, so "First visit",
 * "first_visit" and "FIRST-VISIT" are one category (and "Gift Vouchers" is `gift_vouchers`).
 */
export function categoryKey(category: string): string {
  // Lower-casing can take a letter apart again (İ → i + U+0307): composed after it too.
  return category
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFC')
    .replace(/[\s_-]+/g, '');
}

/** One row returned by knowledge search (the seed's `search_qa_pairs` shape). */
export interface QaMatch {
  id: string;
  question: string;
  answer: string;
  category: string;
  similarity: number;
}
