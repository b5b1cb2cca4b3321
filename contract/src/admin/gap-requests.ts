import { z } from 'zod/mini';

// The gap inbox's request bodies and queries (`/api/admin/gaps…`): the server validates with
// these, the admin sends their input types. Bodies that write a pair (resolve) are typed here
// and validated by the server with core's pair schema, which normalises the category.

/** How many rows a list may ask for: a whole number from 1 to `max`, `fallback` when left out. */
const limit = (max: number, fallback: number) =>
  z._default(
    z.coerce
      .number({ error: 'limit must be a number' })
      .check(
        z.int('limit must be a whole number'),
        z.minimum(1, 'limit is at least 1'),
        z.maximum(max, `limit is at most ${max}`),
      ),
    fallback,
  );

/** Where a gap stands, as the inbox filters it. */
export const gapStatuses = ['open', 'resolved', 'dismissed'] as const;

/** `GET /api/admin/gaps?status=&limit=`. */
export const listGapsQuerySchema = z.object({
  status: z._default(z.enum(gapStatuses, 'status must be open, resolved or dismissed'), 'open'),
  limit: limit(200, 100),
});

/** `GET /api/admin/gaps/choices?limit=`: the visitors' picks among "Did you mean…?" questions. */
export const listGapChoicesQuerySchema = z.object({ limit: limit(200, 100) });

/** `GET /api/admin/gaps/groups?limit=`: how many open gaps (newest) are grouped. */
export const listGapGroupsQuerySchema = z.object({ limit: limit(1000, 500) });

const qaId = z.uuid('qa_id must be a pair id (a UUID)');

/** `POST /api/admin/gaps/:id/link`: answer with an existing pair. */
export const linkGapSchema = z.object({ qa_id: qaId });

/** The gaps of a group an owner acts on at once: 1 to 200 ids. */
const gapIds = z
  .array(z.uuid('gap_ids must hold gap ids (UUIDs)'), 'gap_ids must be a list of gap ids')
  .check(z.minLength(1, 'gap_ids is empty'), z.maxLength(200, 'gap_ids holds over 200 ids'));

/** `POST /api/admin/gaps/groups/link`: the group's wordings become phrasings of an existing pair. */
export const linkGapGroupSchema = z.object({ gap_ids: gapIds, qa_id: qaId });

/** `POST /api/admin/gaps/groups/dismiss`. */
export const dismissGapGroupSchema = z.object({ gap_ids: gapIds });

/** `POST /api/admin/gaps/groups/reopen`: dismissed gaps back in the open inbox (the Undo of a dismissal). */
export const reopenGapGroupSchema = z.object({ gap_ids: gapIds });

export type LinkGapRequest = z.input<typeof linkGapSchema>;
export type LinkGapGroupRequest = z.input<typeof linkGapGroupSchema>;
export type DismissGapGroupRequest = z.input<typeof dismissGapGroupSchema>;
export type ReopenGapGroupRequest = z.input<typeof reopenGapGroupSchema>;

/** `POST /api/admin/gaps/:id/resolve`: the new pair (the question defaults to the visitor's). */
export interface ResolveGapRequest {
  question?: string;
  answer: string;
  category?: string;
}

/** `POST /api/admin/gaps/groups/resolve`: answer a group once; its other wordings become phrasings (default). */
export interface ResolveGapGroupRequest extends ResolveGapRequest {
  gap_ids: string[];
  phrasings?: boolean;
}
