import { ClaraError } from '@clara/core';
import { pairsToAugment, updateSettings } from '@clara/supabase';
import { z } from 'zod';
import { augmentPairs, estimateAugmentation } from '../knowledge/augment-pairs';
import { createUsageMeter } from '../llm';
import type { Runtime } from '../runtime';
import { UsageError } from './output';

function requireWorkspaceId(value: string | undefined): string {
  if (!value) throw new UsageError('--workspace ID is required');
  if (!z.uuid().safeParse(value).success) throw new UsageError('--workspace must be a UUID');
  return value;
}

export const augmentHelp = `  clara augment --workspace ID [--yes] [--auto on|off]
                                           up to 5 alternative phrasings per pair, written by the
                                           workspace's default model: prints the cost, runs with --yes;
                                           --auto on: new pairs get them in the background (off by default)`;

/** `clara augment`'s flags, checked before the database is opened: the workspace id. */
export function checkAugmentArgs(values: {
  workspace?: string | undefined;
  auto?: string | undefined;
}): string {
  const workspaceId = requireWorkspaceId(values.workspace);
  if (values.auto !== undefined && values.auto !== 'on' && values.auto !== 'off')
    throw new UsageError('--auto must be on or off');
  return workspaceId;
}

/**
 * `clara augment`: the pairs without written phrasings, and what writing them costs at the
 * model's list price; with `--yes` it writes them (each call counted against the daily cap).
 */
export async function augmentCommand(
  runtime: Pick<Runtime, 'db' | 'embedder' | 'models' | 'store'>,
  values: { workspace?: string | undefined; yes?: boolean | undefined; auto?: string | undefined },
): Promise<Record<string, unknown>> {
  const workspaceId = checkAugmentArgs(values);
  const workspace = await runtime.store.getWorkspace(workspaceId);
  if (!workspace) throw new ClaraError('workspace_not_found', `No workspace has the id ${workspaceId}.`);
  const auto =
    values.auto === undefined
      ? workspace.settings.augment_questions
      : (await updateSettings(runtime.db, workspaceId, { augment_questions: values.auto === 'on' })).settings
          .augment_questions;
  const model = await runtime.models.resolveModel(workspaceId);
  if (!model) throw new UsageError('clara augment needs the workspace to have a default active API key');
  const pairs = await pairsToAugment(runtime.db, workspaceId);
  const estimate = { model: model.model, ...estimateAugmentation(pairs, model.model) };
  if (!values.yes) return { estimate, ran: false, auto };
  const result = await augmentPairs({
    db: runtime.db,
    embedder: runtime.embedder,
    model,
    usage: createUsageMeter(runtime.db),
    workspaceId,
    dailyCap: workspace.settings.llm_daily_cap,
  });
  return { estimate, ran: true, auto, ...result };
}
