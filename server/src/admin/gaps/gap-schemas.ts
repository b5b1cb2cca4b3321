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
