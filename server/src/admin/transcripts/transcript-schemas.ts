import { type ExtractRequest, maxTranscriptBytes, type SaveExtractedRequest } from '@clara/contract';
import { qaPairInputSchema } from '@clara/core';
import { z } from 'zod';
import { acceptsContract } from '../../http/wire';

/** POST /api/admin/transcripts/extract */
export const extractRequestSchema = acceptsContract<ExtractRequest>()(
  z.object({
    transcript: z
      .string()
      .trim()
      .min(1, 'transcript is empty')
      .refine((t) => Buffer.byteLength(t, 'utf8') <= maxTranscriptBytes, 'transcript is over 100 KB'),
    /** `heuristic` skips the model even when a key is set. */
    method: z.enum(['auto', 'heuristic']).default('auto'),
  }),
);

const name = z.string().trim().max(100).nullish();

/** One reviewed proposal the owner saves, with the extraction details kept in metadata. */
export const savedCandidateSchema = qaPairInputSchema.extend({
  asked_by: name,
  answered_by: name,
  line: z.number().int().min(1).max(1_000_000).nullish(),
  edited: z.boolean().default(false),
  overlap_qa_id: z.uuid().nullish(),
  overlap_similarity: z.number().min(-1).max(1).nullish(),
});

/** POST /api/admin/transcripts/pairs */
export const saveRequestSchema = acceptsContract<SaveExtractedRequest>()(
  z.object({
    extraction: z.object({
      id: z.uuid(),
      method: z.enum(['llm', 'heuristic']),
      model: z.string().trim().max(100).nullish(),
      transcript_name: z.string().trim().max(200).nullish(),
    }),
    pairs: z.array(savedCandidateSchema).min(1, 'select at least one pair').max(50),
  }),
);
export type SaveRequest = z.infer<typeof saveRequestSchema>;
