import { checkAugmentArgs } from './augment-command';
import { type ChannelsArgs, checkChannelsArgs } from './channels-command';
import { checkImportArgs, checkReindexArgs, checkWorkspaceArgs } from './commands';
import { checkExportArgs } from './export-command';
import { checkIndexArgs, type IndexArgs } from './index-command';
import { checkKeysArgs, type KeysArgs } from './keys-command';
import { UsageError } from './output';
import { checkOwnerArgs } from './owner-command';

/** The flags these checks read (of those `clara` parsed with node:util parseArgs). */
type Values = Record<string, unknown> &
  KeysArgs &
  ChannelsArgs &
  IndexArgs & {
    email?: string | undefined;
    password?: string | undefined;
    name?: string | undefined;
    auto?: string | undefined;
    days?: string | undefined;
  };

/**
 * Every command's arguments, checked before the configuration is loaded, a database opened or a
 * master key read or written: a usage mistake prints one line and exits 2 and touches nothing
 * (not even a running server's data directory lock). Each command checks them again with the
 * same function when it runs (tests call the commands directly). A value given as `-` (read from
 * stdin) comes back read.
 */
export async function checkCommandArgs<V extends Values>(
  command: string,
  rest: string[],
  values: V,
): Promise<V> {
  const [sub] = rest;
  switch (command) {
    case 'workspace':
      if (sub !== 'create') throw new UsageError('did you mean: clara workspace create');
      checkWorkspaceArgs(values);
      return values;
    case 'import':
      checkImportArgs(sub, values.workspace);
      return values;
    case 'export':
      checkExportArgs(values);
      return values;
    case 'reindex':
      checkReindexArgs(values.workspace);
      return values;
    case 'keys':
      return { ...values, ...(await checkKeysArgs(sub, values)) };
    case 'channels':
      checkChannelsArgs(sub, values);
      return values;
    case 'index':
      checkIndexArgs(sub, values);
      return values;
    case 'owner':
      return { ...values, ...(await checkOwnerArgs(sub, values)) };
    case 'augment':
      checkAugmentArgs(values);
      return values;
    default:
      // migrate, serve and start take --port only (checked by the caller); eval checks its own
      // flags before it opens its temporary database.
      return values;
  }
}
