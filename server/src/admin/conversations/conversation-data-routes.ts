import { Readable } from 'node:stream';
import { ClaraError } from '@clara/core';
import { deleteConversation, type ExportedConversation, exportConversationsPage } from '@clara/supabase';
import type { Context } from 'koa';
import type { RegisterRoutes } from '../deps';
import { csvCell } from '../knowledge/csv-export';
import { type OwnerRun, ownerRun } from '../owner-scope';
import { idParam } from '../params';

const pageSize = 200;

/** Every conversation of the owner's workspace, a page (one RLS transaction) at a time. */
async function* conversations(run: OwnerRun): AsyncGenerator<ExportedConversation> {
  let after: { created_at: Date; id: string } | null = null;
  for (;;) {
    const cursor: typeof after = after;
    const page: ExportedConversation[] = await run((tx, ws) =>
      exportConversationsPage(tx, ws, cursor, pageSize),
    );
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { created_at: last.created_at, id: last.id };
  }
}

export const csvHeader = [
  'conversation_id',
  'channel',
  'conversation_started_at',
  'visitor_name',
  'visitor_email',
  'message_id',
  'role',
  'timestamp',
  'content',
  'gap_detected',
  'confidence',
  'feedback',
] as const;

/** CSV: one row per message (a conversation without messages gets one row). */
async function* csvLines(source: AsyncIterable<ExportedConversation>): AsyncGenerator<string> {
  yield `${csvHeader.map(csvCell).join(',')}\r\n`;
  for await (const c of source) {
    const head = [c.id, c.channel, c.created_at, c.visitor_name, c.visitor_email];
    const messages = c.messages.length > 0 ? c.messages : [{}];
    let chunk = '';
    for (const m of messages)
      chunk += `${[
        ...head,
        m.message_id,
        m.role,
        m.timestamp,
        m.content,
        m.gap_detected,
        m.confidence,
        m.feedback,
      ]
        .map(csvCell)
        .join(',')}\r\n`;
    yield chunk;
  }
}

/** JSON: `{ workspace_id, exported_at, conversations: [...] }`, streamed. */
async function* jsonChunks(
  workspaceId: string,
  source: AsyncIterable<ExportedConversation>,
): AsyncGenerator<string> {
  yield `{"workspace_id":${JSON.stringify(workspaceId)},"exported_at":${JSON.stringify(new Date())},"conversations":[`;
  let first = true;
  for await (const c of source) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(c)}`;
    first = false;
  }
  yield '\n]}\n';
}

/** Visitors' data under the owner's control: export every conversation, delete one. */
export const registerConversationDataRoutes: RegisterRoutes = (router, { db, logger }) => {
  const exportAs = (format: 'csv' | 'json') => async (ctx: Context) => {
    const run = ownerRun(ctx, db);
    const workspaceId = await run(async (_tx, ws) => ws);
    const day = new Date().toISOString().slice(0, 10);
    ctx.set('Content-Disposition', `attachment; filename="clara-conversations-${day}.${format}"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
    const source = conversations(run);
    ctx.body = Readable.from(format === 'csv' ? csvLines(source) : jsonChunks(workspaceId, source));
  };
  // Before `/conversations/:id`: an export is not a conversation id.
  router.get('/conversations/export.csv', exportAs('csv'));
  router.get('/conversations/export.json', exportAs('json'));

  router.delete('/conversations/:id', async (ctx) => {
    const id = idParam(ctx.params.id, 'conversation');
    const deleted = await ownerRun(ctx, db)((tx, ws) => deleteConversation(tx, ws, id));
    if (!deleted) throw new ClaraError('not_found', 'No conversation has this id.');
    logger.info({ conversation_id: id, gaps: deleted.gaps }, 'conversation deleted by its owner');
    ctx.body = { deleted };
  });
};
