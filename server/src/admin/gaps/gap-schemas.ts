import { qaPairInputSchema } from '@clara/core';
import { z } from 'zod';

/** GET /api/admin/gaps */
export const listGapsQuerySchema = z.object({
  status: z.enum(['open', 'resolved', 'dismissed']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** GET /api/admin/gaps/choices: the visitors' picks among "Did you mean…?" questions. */
export const listGapChoicesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** POST /api/admin/gaps/:id/resolve: the new pair (question defaults to the visitor's). */
export const resolveGapSchema = z.object({
  question: qaPairInputSchema.shape.question.optional(),
  answer: qaPairInputSchema.shape.answer,
  category: qaPairInputSchema.shape.category,
});

/** POST /api/admin/gaps/:id/link: answer with an existing pair. */
export const linkGapSchema = z.object({ qa_id: z.uuid() });

/** GET /api/admin/gaps/groups: how many open gaps (newest) are grouped. */
export const listGapGroupsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

const gapIds = z.array(z.uuid()).min(1).max(200);

/** POST /api/admin/gaps/groups/resolve: answer a group once. */
export const resolveGapGroupSchema = resolveGapSchema.extend({
  gap_ids: gapIds,
  /** The group's other wordings become phrasings of the new pair (so each is answered). */
  phrasings: z.boolean().default(true),
});

/** POST /api/admin/gaps/groups/link: the group's wordings become phrasings of an existing pair. */
export const linkGapGroupSchema = z.object({ gap_ids: gapIds, qa_id: z.uuid() });

/** POST /api/admin/gaps/groups/dismiss */
export const dismissGapGroupSchema = z.object({ gap_ids: gapIds });
