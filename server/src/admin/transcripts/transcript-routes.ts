import { randomUUID } from 'node:crypto';
import type {
  Candidate,
  Extraction as ContractExtraction,
  AdminPair as ContractPair,
  TranscriptShape,
} from '@clara/contract';
import { categoryKey, defaultCategories, embedPairs, isLlmError, type LanguageModel } from '@clara/core';
import {
  type AdminPair,
  activeQuestionSet,
  getPair,
  insertQaPairs,
  listCategories,
  type NewQaPair,
} from '@clara/supabase';
import type { Context } from 'koa';
import { validatedBody } from '../../http/validated-body';
import { wire } from '../../http/wire';
import { ownerRun } from '../owner-scope';
import type { RegisterRuntimeRoutes, RuntimeAdminDeps } from '../runtime-deps';
import { type ExtractedPair, extractHeuristically } from './heuristic-extractor';
import { ExtractionOutputError, extractWithModel } from './llm-extractor';
import { findOverlaps, overlapThreshold, repeatedWithin } from './overlap';
import { parseTranscript } from './parse-transcript';
import { extractRequestSchema, type SaveRequest, saveRequestSchema } from './transcript-schemas';

interface Extraction {
  method: 'llm' | 'heuristic';
  model: string | null;
  /** Why the model was not used, when it was wanted: no_key, key_unreadable, bad_output or an LlmError code. */
  fallback_reason: string | null;
  pairs: ExtractedPair[];
}

/** An AbortSignal that fires when the owner's browser goes away before the answer is written. */
function clientGone(ctx: Context): AbortSignal {
  const controller = new AbortController();
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * The proposed category as this workspace spells it. The heuristic guesses among the seed's
 * defaults (`pricing`, `developers`…: another business's categories), so a guess the workspace
 * does not use becomes `general` (as does the guess standing in for a model's unusable category);
 * the model, shown the workspace's categories, may propose a new one.
 */
function workspaceCategory(categories: readonly string[], proposed: string, guessed: boolean): string {
  const key = categoryKey(proposed);
  const own = categories.find((c) => categoryKey(c) === key);
  if (own !== undefined) return own;
  return guessed && defaultCategories.some((c) => categoryKey(c) === key) ? 'general' : proposed;
}

async function extract(
  ctx: Context,
  deps: RuntimeAdminDeps,
  workspaceId: string,
  transcript: string,
  wantModel: boolean,
  categories: readonly string[],
): Promise<Extraction> {
  const found = await extractWithAnyMethod(ctx, deps, workspaceId, transcript, wantModel, categories);
  return {
    ...found,
    pairs: found.pairs.map(({ categoryGuessed, ...p }) => ({
      ...p,
      category: workspaceCategory(
        categories,
        p.category,
        found.method === 'heuristic' || categoryGuessed === true,
      ),
    })),
  };
}

async function extractWithAnyMethod(
  ctx: Context,
  deps: RuntimeAdminDeps,
  workspaceId: string,
  transcript: string,
  wantModel: boolean,
  categories: readonly string[],
): Promise<Extraction> {
  const heuristic = (fallback_reason: string | null): Extraction => ({
    method: 'heuristic',
    model: null,
    fallback_reason,
    pairs: extractHeuristically(parseTranscript(transcript)),
  });
  if (!wantModel) return heuristic(null);
  let model: LanguageModel | null;
  try {
    model = await deps.models.resolveModel(workspaceId);
  } catch (error) {
    deps.logger.warn(
      { workspace_id: workspaceId, reason: (error as Error).name },
      'transcript extraction: key unreadable',
    );
    return heuristic('key_unreadable');
  }
  if (!model) return heuristic('no_key');
  try {
    const pairs = await extractWithModel(model, transcript, clientGone(ctx), categories);
    return { method: 'llm', model: model.model, fallback_reason: null, pairs };
  } catch (error) {
    if (isLlmError(error)) {
      deps.logger.warn(
        { workspace_id: workspaceId, llm: error.toLog() },
        'transcript extraction: model failed',
      );
      return heuristic(error.code);
    }
    if (error instanceof ExtractionOutputError) {
      deps.logger.warn(
        { workspace_id: workspaceId, reason: error.message },
        'transcript extraction: bad model output',
      );
      return heuristic('bad_output');
    }
    throw error;
  }
}

/** How many speaker turns and distinct speakers the transcript was read as. */
function transcriptShape(transcript: string): { turns: number; speakers: number; unattributed: number } {
  const turns = parseTranscript(transcript);
  return {
    turns: turns.length,
    speakers: new Set(turns.flatMap((t) => t.speaker ?? [])).size,
    unattributed: turns.filter((t) => t.speaker === null).length,
  };
}

const compact = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

function toNewPair(
  p: SaveRequest['pairs'][number],
  x: SaveRequest['extraction'],
  embedding: Float32Array,
  embedderId: string,
): NewQaPair {
  return {
    question: p.question,
    answer: p.answer,
    category: p.category,
    embedding,
    source: 'transcript_extraction',
    metadata: compact({
      extraction_id: x.id,
      extraction_method: x.method,
      extraction_model: x.model,
      transcript_name: x.transcript_name,
      asked_by: p.asked_by,
      answered_by: p.answered_by,
      transcript_line: p.line,
      edited: p.edited,
      overlap_qa_id: p.overlap_qa_id,
      overlap_similarity: p.overlap_similarity,
      embedding_model: embedderId,
    }),
  };
}

/** Q&A extraction from call transcripts: propose (LLM or heuristic, with the 0.85 overlap check), then save. */
export const registerTranscriptRoutes: RegisterRuntimeRoutes = (router, deps) => {
  const { db, embedder } = deps;

  router.post('/transcripts/extract', async (ctx) => {
    const body = await validatedBody(ctx, extractRequestSchema, 512 * 1024);
    const { workspaceId, categories } = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => ({ workspaceId: ws, categories: (await listCategories(tx, ws)).all }));
    const extraction = await extract(
      ctx,
      deps,
      workspaceId,
      body.transcript,
      body.method === 'auto',
      categories,
    );
    const repeated = await repeatedWithin(
      embedder,
      extraction.pairs.map((p) => p.question),
    );
    const pairs = extraction.pairs.filter((_, i) => !repeated.has(i));
    const overlaps = await ownerRun(
      ctx,
      db,
    )((tx, ws) =>
      findOverlaps(
        tx,
        ws,
        embedder,
        pairs.map((p) => p.question),
      ),
    );
    ctx.body = wire<{
      extraction: ContractExtraction;
      transcript?: TranscriptShape;
      candidates: Candidate[];
    }>()({
      extraction: {
        id: randomUUID(),
        method: extraction.method,
        model: extraction.model,
        fallback_reason: extraction.fallback_reason,
        overlap_threshold: overlapThreshold,
      },
      // What the transcript read as, so an empty result can say why (no speakers, one speaker…).
      transcript: transcriptShape(body.transcript),
      candidates: pairs.map((p, i) => ({ ...p, covered_by: overlaps[i] ?? null })),
    });
  });

  router.post('/transcripts/pairs', async (ctx) => {
    const body = await validatedBody(ctx, saveRequestSchema, 1024 * 1024);
    const vectors = await embedPairs(embedder, body.pairs);
    const result = await ownerRun(
      ctx,
      db,
    )(async (tx, ws) => {
      const existing = await activeQuestionSet(tx, ws);
      const skipped: { index: number; question: string; message: string }[] = [];
      const rows: NewQaPair[] = [];
      body.pairs.forEach((p, index) => {
        const key = p.question.toLowerCase();
        if (existing.has(key)) {
          skipped.push({
            index,
            question: p.question,
            message: 'This exact question is already in the knowledge base.',
          });
          return;
        }
        existing.add(key);
        rows.push(toNewPair(p, body.extraction, vectors[index] as Float32Array, embedder.id));
      });
      const saved: AdminPair[] = [];
      for (const id of await insertQaPairs(tx, ws, rows)) {
        const pair = await getPair(tx, ws, id);
        if (pair) saved.push(pair);
      }
      return { saved, skipped };
    });
    ctx.status = 201;
    ctx.body = wire<{
      saved: ContractPair[];
      skipped: { index: number; question: string; message: string }[];
    }>()(result);
  });
};
