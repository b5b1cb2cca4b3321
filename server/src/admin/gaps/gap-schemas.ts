import { dismissGapGroupSchema, type ResolveGapGroupRequest, type ResolveGapRequest } from '@clara/contract';
import { qaPairInputSchema } from '@clara/core';
import { z } from 'zod';
import { acceptsContract } from '../../http/wire';

// The gap inbox's other bodies and queries are `@clara/contract` schemas (gap-requests.ts); these
// two write a pair, so they are core's pair schema (its category normalised) over the contract's type.

/** POST /api/admin/gaps/:id/resolve: the new pair (question defaults to the visitor's). */
export const resolveGapSchema = acceptsContract<ResolveGapRequest>()(
  z.object({
    question: qaPairInputSchema.shape.question.optional(),
    answer: qaPairInputSchema.shape.answer,
    category: qaPairInputSchema.shape.category,
  }),
);

/** POST /api/admin/gaps/groups/resolve: answer a group once. */
export const resolveGapGroupSchema = acceptsContract<ResolveGapGroupRequest>()(
  resolveGapSchema.extend({
    gap_ids: dismissGapGroupSchema.shape.gap_ids,
    /** The group's other wordings become phrasings of the new pair (so each is answered). */
    phrasings: z.boolean().default(true),
  }),
);
