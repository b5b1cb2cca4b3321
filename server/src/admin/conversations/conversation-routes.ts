import { ClaraError } from '@clara/core';
import { z } from 'zod';
import { validate } from '../../http/validated-body';
import type { RegisterRoutes } from '../deps';
import { ownerRun } from '../owner-scope';
import { idParam } from '../params';

const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(25),
  escalated: z.enum(['true', 'false']).optional(),
  had_gap: z.enum(['true', 'false']).optional(),
  channel: z.string().trim().max(20).optional(),
});

const gapCount = `(SELECT count(*) FROM jsonb_array_elements(s.messages) m
  WHERE m->>'role' = 'assistant' AND (m->>'gap_detected')::boolean)::int`;

/**
 * The visitor asked for a person, a call, a demo or a quote: a reply offered the booking link
 * without being a gap. (The stored `chat_sessions.escalated` is set whenever the link was offered,
 * which also happens after two unanswered questions in a row: a gap reply with the offer.)
 */
const askedForPerson = `EXISTS (SELECT 1 FROM jsonb_array_elements(s.messages) m
  WHERE m->>'role' = 'assistant' AND coalesce((m->>'escalation_offered')::boolean, false)
    AND NOT coalesce((m->>'gap_detected')::boolean, false))`;

/** Conversations: sessions newest first (with filters) and one transcript with matched pairs. */
export const registerConversationRoutes: RegisterRoutes = (router, { db }) => {
  router.get('/conversations', async (ctx) => {
    const q = validate(listQuerySchema, ctx.query);
    ctx.body = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      const where = ['s.workspace_id = $1'];
      const params: unknown[] = [ws];
      if (q.escalated) where.push(q.escalated === 'true' ? askedForPerson : `NOT ${askedForPerson}`);
      if (q.had_gap) where.push(`${gapCount} ${q.had_gap === 'true' ? '>' : '='} 0`);
      if (q.channel) {
        params.push(q.channel);
        where.push(`coalesce(s.metadata->>'channel', 'web') = $${params.length}`);
      }
      const filter = where.join(' AND ');
      const [count] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM chat_sessions s WHERE ${filter}`,
        params,
      );
      const items = await tx.query(
        `SELECT s.id, s.created_at, s.updated_at, s.visitor_name, s.visitor_email,
           ${askedForPerson} AS escalated, s.escalated AS booking_offered,
           coalesce(s.metadata->>'channel', 'web') AS channel,
           jsonb_array_length(s.messages) AS message_count,
           (SELECT m->>'content' FROM jsonb_array_elements(s.messages) m WHERE m->>'role' = 'user' LIMIT 1) AS first_question,
           ${gapCount} AS gap_count
         FROM chat_sessions s WHERE ${filter}
         ORDER BY s.updated_at DESC, s.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.page_size, (q.page - 1) * q.page_size],
      );
      return { items, total: count?.n ?? 0, page: q.page, page_size: q.page_size };
    });
  });

  router.get('/conversations/:id', async (ctx) => {
    const id = idParam(ctx.params.id, 'conversation');
    ctx.body = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      const [session] = await tx.query<{ messages: { matched_qa_ids?: string[] }[] }>(
        `SELECT id, created_at, updated_at, visitor_name, visitor_email, ${askedForPerson} AS escalated,
           s.escalated AS booking_offered, escalated_at, coalesce(metadata->>'channel', 'web') AS channel, messages
         FROM chat_sessions s WHERE id = $1 AND workspace_id = $2`,
        [id, ws],
      );
      if (!session) throw new ClaraError('not_found', 'No conversation has this id.');
      const ids = [...new Set(session.messages.flatMap((m) => m.matched_qa_ids ?? []))];
      const pairs = await tx.query<{ id: string; question: string }>(
        'SELECT id, question FROM qa_pairs WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
        [ws, ids],
      );
      return {
        conversation: session,
        matched_pairs: Object.fromEntries(pairs.map((p) => [p.id, p.question])),
      };
    });
  });
};
