import { accessSync, constants, readFileSync } from 'node:fs';
import { ClaraError } from '@clara/core';
import { createUser, createWorkspace, getWorkspace, migrate } from '@clara/supabase';
import { z } from 'zod';
import { hashPassword } from '../auth/password';
import { delimiterNames } from '../knowledge/csv-delimiter';
import { decodeCsvBytes } from '../knowledge/decode-csv-bytes';
import { importQaPairs } from '../knowledge/import-qa-pairs';
import { parseQaCsv } from '../knowledge/parse-qa-csv';
import { reindex } from '../knowledge/reindex';
import { backfillSearchText } from '../knowledge/search-text-backfill';
import type { Runtime } from '../runtime';
import { out, UsageError } from './output';
import { parseFlags } from './parse-flags';

/** What these commands use of the runtime. */
type CommandRuntime = Pick<Runtime, 'db' | 'embedder' | 'logger'> & Partial<Pick<Runtime, 'diskSpace'>>;

const uuid = z.uuid();

function requireWorkspaceId(value: string | undefined): string {
  if (!value) throw new UsageError('--workspace ID is required');
  if (!uuid.safeParse(value).success) throw new UsageError('--workspace must be a UUID');
  return value;
}

export async function migrateCommand(runtime: CommandRuntime): Promise<void> {
  const result = await migrate(runtime.db);
  // Pairs written before their stored search text existed (progress on stderr, as the logger's).
  const backfilled = await backfillSearchText(runtime.db, runtime.logger);
  out.json({
    applied: result.applied,
    already_applied: result.alreadyApplied.length,
    search_text_backfilled: backfilled,
  });
}

const workspaceArgs = z.object({
  email: z.email('--email must be an email address'),
  password: z.string().min(8, '--password must be at least 8 characters').max(200),
  name: z.string().trim().min(1).max(100).optional(),
});

/** `clara workspace create`'s flags, checked before the database is opened. */
export function checkWorkspaceArgs(values: Record<string, unknown>): z.infer<typeof workspaceArgs> {
  return parseFlags(workspaceArgs, values);
}

export async function workspaceCreateCommand(
  runtime: CommandRuntime,
  values: Record<string, unknown>,
): Promise<void> {
  const { email, password, name } = checkWorkspaceArgs(values);
  const hash = await hashPassword(password);
  const result = await runtime.db.transaction(async (tx) => {
    const user = await createUser(tx, email, hash);
    const workspace = await createWorkspace(tx, user.id, { name });
    return { workspace_id: workspace.id, owner_id: user.id };
  });
  out.json(result);
}

function cannotRead(file: string, error: unknown): UsageError {
  return new UsageError(
    `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
  );
}

/** `clara import`'s file and workspace, checked before the database is opened (the file must be readable). */
export function checkImportArgs(
  file: string | undefined,
  workspace: string | undefined,
): { file: string; workspaceId: string } {
  if (!file) throw new UsageError('name the CSV file: clara import FILE.csv --workspace ID');
  const workspaceId = requireWorkspaceId(workspace);
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    throw cannotRead(file, error);
  }
  return { file, workspaceId };
}

export async function importCommand(
  runtime: CommandRuntime,
  fileArg: string | undefined,
  workspace: string | undefined,
  options: { update?: boolean | undefined } = {},
): Promise<void> {
  const { file, workspaceId } = checkImportArgs(fileArg, workspace);
  await runtime.diskSpace?.assertRoom(true);
  if (!(await getWorkspace(runtime.db, workspaceId))) {
    throw new ClaraError('workspace_not_found', `No workspace has the id ${workspaceId}.`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
  const parsed = parseQaCsv(decodeCsvBytes(bytes));
  if (parsed.delimiter && parsed.delimiter !== ',')
    out.note(`clara import: ${file} read as separated by ${delimiterNames[parsed.delimiter]}`);
  const result = await importQaPairs(runtime.db, runtime.embedder, workspaceId, parsed.rows, {
    onProgress: (done, total) => out.note(`embedded ${done}/${total}`),
    update: options.update,
    updateHint: 'run clara import again with --update to update it',
    hasCategory: parsed.hasCategory,
  });
  if (result.updated > 0)
    out.note(
      `clara import: ${result.updated} pair${result.updated === 1 ? '' : 's'} updated (undoing this import does not revert them)`,
    );
  const errors = [...parsed.errors, ...result.errors].sort((a, b) => a.row - b.row);
  out.json({
    imported: result.imported,
    inactive: result.inactive,
    updated: result.updated,
    skipped: errors.length,
    errors,
    batch_id: result.batch_id,
  });
}

/** `clara reindex`'s optional workspace, checked before the database is opened. */
export function checkReindexArgs(workspace: string | undefined): string | undefined {
  return workspace === undefined ? undefined : requireWorkspaceId(workspace);
}

export async function reindexCommand(runtime: CommandRuntime, workspace: string | undefined): Promise<void> {
  const workspaceId = checkReindexArgs(workspace);
  await runtime.diskSpace?.assertRoom(true);
  if (workspaceId && !(await getWorkspace(runtime.db, workspaceId))) {
    throw new ClaraError('workspace_not_found', `No workspace has the id ${workspaceId}.`);
  }
  out.json({
    ...(await reindex(runtime.db, runtime.embedder, { workspaceId })),
    embedder: runtime.embedder.id,
  });
}
