import type { BulkRequest, PairRequest } from '@clara/contract';
import { qaPairInputSchema, qaSources } from '@clara/core';
import { z } from 'zod';
import { acceptsContract } from '../../http/wire';

/** GET /api/admin/knowledge query string. */
export const listPairsQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  /** `phrase` (default): `q` as one piece of text; `words`: every word of `q`, best matches first (`searchWords`). */
  match: z.enum(['phrase', 'words']).default('phrase'),
  category: z.string().trim().max(50).optional(),
  /** A source (the owner's pairs from it, visitors' wordings left out) or `gap_inbox`: the visitors' wordings (phrasings). */
  source: z.enum([...qaSources, 'gap_inbox']).optional(),
  /** `exclude`: the owner's own pairs only, no visitors' wordings (phrasings). */
  phrasings: z.enum(['include', 'exclude']).default('include'),
  active: z.enum(['true', 'false', 'all']).default('all'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListPairsQuery = z.infer<typeof listPairsQuerySchema>;

/** POST /api/admin/knowledge: a pair, plus consent to save a near-duplicate. */
export const createPairSchema = acceptsContract<PairRequest>()(
  qaPairInputSchema.extend({
    allow_duplicate: z.boolean().default(false),
  }),
);

/** PATCH /api/admin/knowledge/:id */
const updatePair = z
  .object({
    question: qaPairInputSchema.shape.question.optional(),
    answer: qaPairInputSchema.shape.answer.optional(),
    category: z.string().optional(),
    is_active: z.boolean().optional(),
    allow_duplicate: z.boolean().default(false),
    /** The pair's `updated_at` as the editor loaded it: a later change answers 409 instead of being overwritten. */
    expected_updated_at: z.iso
      .datetime({ offset: true, error: 'expected_updated_at must be the pair’s updated_at as loaded.' })
      .optional(),
  })
  .transform((v, ctx) => {
    if (v.category === undefined) return { ...v, category: undefined };
    const parsed = qaPairInputSchema.shape.category.safeParse(v.category);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: parsed.error.issues[0]?.message ?? 'bad category',
      });
      return z.NEVER;
    }
    return { ...v, category: parsed.data };
  });
export const updatePairSchema = acceptsContract<PairRequest>()(updatePair);

/** POST /api/admin/knowledge/check-duplicate */
export const checkDuplicateSchema = z.object({
  question: qaPairInputSchema.shape.question,
  exclude_id: z.uuid().optional(),
});

/** A UUID in lower case: the same pair in any case (phrasings name their pair as text). */
const canonicalUuid = z.uuid().transform((id) => id.toLowerCase());

/** POST /api/admin/knowledge/bulk */
export const bulkSchema = acceptsContract<BulkRequest>()(
  z.discriminatedUnion('action', [
    z.object({ action: z.enum(['activate', 'deactivate']), ids: z.array(canonicalUuid).min(1).max(1000) }),
    z.object({
      action: z.literal('recategorise'),
      ids: z.array(canonicalUuid).min(1).max(1000),
      category: qaPairInputSchema.shape.category,
    }),
  ]),
);
