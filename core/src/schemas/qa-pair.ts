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
    .min(pairLimits.question.min, 'question is too short')
    .max(pairLimits.question.max, 'question is over 1,000 characters')
    .refine(isStorableText, unstorableTextMessage('question')),
  answer: z
    .string()
    .trim()
    .min(pairLimits.answer.min, 'answer is empty')
    .max(pairLimits.answer.max, 'answer is over 10,000 characters')
    .refine(isStorableText, unstorableTextMessage('answer')),
  category: z
    .string()
    .trim()
    .normalize('NFC')
    .toLowerCase()
    // Lower-casing can take a letter apart again (İ → i + U+0307).
    .normalize('NFC')
    .max(pairLimits.category, 'category is over 50 characters')
    // The contract's rule (the admin form checks the same): letters and digits of any script.
    .regex(categoryPattern, `category may hold ${categoryCharacters}`)
    .transform((c) => (c === '' ? 'general' : c.replace(/[ -]+/g, '_')))
    .default('general'),
});

export type QaPairInput = z.infer<typeof qaPairInputSchema>;

/** One row returned by knowledge search (the seed's `search_qa_pairs` shape). */
export interface QaMatch {
  id: string;
  question: string;
  answer: string;
  category: string;
  similarity: number;
}
