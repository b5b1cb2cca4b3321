import type { Conversation, ConversationSummary } from '@clara/contract';
import { ClaraError } from '@clara/core';
import { getConversation, listConversations, pairQuestions } from '@clara/supabase';
import { z } from 'zod';
import { validate } from '../../http/validated-body';
import { wire } from '../../http/wire';
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

/** Conversations: sessions newest first (with filters) and one transcript with matched pairs. */
export const registerConversationRoutes: RegisterRoutes = (router, { db }) => {
  router.get('/conversations', async (ctx) => {
    const q = validate(listQuerySchema, ctx.query);
    ctx.body = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      const { items, total } = await listConversations(tx, ws, q);
      return wire<{ items: ConversationSummary[]; total: number }>()({
        items,
        total,
        page: q.page,
        page_size: q.page_size,
      });
    });
  });

  router.get('/conversations/:id', async (ctx) => {
    const id = idParam(ctx.params.id, 'conversation');
    ctx.body = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      const session = await getConversation(tx, ws, id);
      if (!session) throw new ClaraError('not_found', 'No conversation has this id.');
      const ids = [...new Set(session.messages.flatMap((m) => m.matched_qa_ids ?? []))];
      const pairs = await pairQuestions(tx, ws, ids);
      return wire<{ conversation: Conversation; matched_pairs: Record<string, string> }>()({
        conversation: session,
        matched_pairs: Object.fromEntries(pairs.map((p) => [p.id, p.question])),
      });
    });
  });
};
