import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ClaraError } from '@clara/core';
import { getWorkspace, listPairsForExport } from '@clara/supabase';
import { z } from 'zod';
import { knowledgeCsv } from '../admin/knowledge/csv-export';
import type { Runtime } from '../runtime';
import { out, UsageError } from './output';

/** `clara export`'s line in the usage. */
export const exportHelp =
  '  clara export --workspace ID [--out FILE]  the knowledge base as CSV (as the admin exports it; stdout by default)';

/**
 * `clara export`'s flags, checked before the database is opened: a workspace UUID, and an
 * `--out` file that can be written (its folder exists and is writable; not a folder).
 */
export function checkExportArgs(values: { workspace?: unknown; out?: unknown }): {
  workspaceId: string;
  out: string | undefined;
} {
  if (typeof values.workspace !== 'string' || !values.workspace)
    throw new UsageError('--workspace ID is required');
  if (!z.uuid().safeParse(values.workspace).success) throw new UsageError('--workspace must be a UUID');
  const file = typeof values.out === 'string' ? values.out : undefined;
  if (values.out !== undefined && !file) throw new UsageError('--out needs a file name');
  if (file) {
    const path = resolve(file);
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      // A new file: its folder must be there.
    }
    if (isFolder) throw new UsageError(`--out ${file} is a folder: name a file`);
    try {
      accessSync(dirname(path), constants.W_OK);
    } catch (error) {
      throw new UsageError(
        `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'not writable'}`,
      );
    }
  }
  return { workspaceId: values.workspace, out: file };
}

/**
 * Writes the workspace's knowledge base as the admin's Export CSV does (`knowledgeCsv`): to stdout,
 * or to `--out` with a JSON summary on stdout (`{"out","pairs","phrasings"}`).
 */
export async function exportCommand(
  runtime: Pick<Runtime, 'db'>,
  values: { workspace?: unknown; out?: unknown },
): Promise<void> {
  const args = checkExportArgs(values);
  if (!(await getWorkspace(runtime.db, args.workspaceId))) {
    throw new ClaraError('workspace_not_found', `No workspace has the id ${args.workspaceId}.`);
  }
  const rows = await listPairsForExport(runtime.db, args.workspaceId);
  const csv = knowledgeCsv(rows);
  if (!args.out) {
    process.stdout.write(csv);
    return;
  }
  writeFileSync(args.out, csv);
  const phrasings = rows.filter((r) => r.phrasing_of !== null).length;
  out.json({ out: args.out, pairs: rows.length - phrasings, phrasings });
}
