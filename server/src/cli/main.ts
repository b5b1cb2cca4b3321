import { parseArgs } from 'node:util';
import { isClaraError } from '@clara/core';
import { ConfigError } from '../config/config-error';
import { loadConfig, loadEvalConfig } from '../config/load-config';
import { createLogger } from '../logger';
import { createRuntime, type Runtime } from '../runtime';
import { isVaultError } from '../vault';
import { augmentCommand, augmentHelp } from './augment-command';
import { channelsCommand, channelsHelp, slackManifestCommand } from './channels-command';
import { checkCommandArgs } from './check-command-args';
import { commandHelp, usageHint } from './command-help';
import { importCommand, migrateCommand, reindexCommand, workspaceCreateCommand } from './commands';
import { explainDatabaseError } from './database-errors';
import { evalCommand, evalHelp } from './eval-command';
import { exportCommand, exportHelp } from './export-command';
import { indexCommand, indexHelp } from './index-command';
import { keysCommand, keysHelp } from './keys-command';
import { out, UsageError } from './output';
import { ownerCommand, ownerHelp, ownerInviteCommand } from './owner-command';
import { serveCommand } from './serve-command';

const help = `clara — the open knowledge-base assistant

Usage:
  clara start                              serve with the demo workspace (created on first start)
  clara serve [--port N]                   serve the chat API (PORT, default 3000)
  clara migrate                            apply database migrations
  clara workspace create --email E --password P [--name N]
  clara import FILE.csv --workspace ID [--update]
                                           import Q&A pairs (columns question,answer,category);
                                           --update: a row changing a pair's answer updates it
${exportHelp}
  clara reindex [--workspace ID]           re-embed Q&A pairs
${evalHelp}
${augmentHelp}
${indexHelp}
${keysHelp}
${channelsHelp}
${ownerHelp}

Environment: CLARA_DATA_DIR (embedded database folder, default ./.clara), DATABASE_URL (Postgres
with pgvector instead), PORT, HOST, LOG_LEVEL.`;

const options = {
  port: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  name: { type: 'string' },
  workspace: { type: 'string' },
  provider: { type: 'string' },
  model: { type: 'string' },
  key: { type: 'string' },
  label: { type: 'string' },
  default: { type: 'boolean' },
  id: { type: 'string' },
  'new-key': { type: 'string' },
  'team-id': { type: 'string' },
  'bot-token': { type: 'string' },
  'signing-secret': { type: 'string' },
  url: { type: 'string' },
  'base-url': { type: 'string' },
  kb: { type: 'string' },
  queries: { type: 'string' },
  out: { type: 'string' },
  threshold: { type: 'string' },
  'with-key': { type: 'boolean' },
  yes: { type: 'boolean' },
  auto: { type: 'string' },
  lists: { type: 'string' },
  type: { type: 'string' },
  days: { type: 'string' },
  update: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** What the error handler may name: database failures are explained with DATABASE_URL's host:port/database. */
const failure: { databaseUrl?: string | undefined; command?: string | undefined } = {};

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  failure.command = command;
  if (values.help || !command || command === 'help') {
    // `clara CMD --help` (or `clara help CMD`): that command's usage only.
    const about = command === 'help' ? rest[0] : command;
    out.text((about && commandHelp(help, about)) ?? help);
    return;
  }
  const known = [
    'start',
    'serve',
    'migrate',
    'workspace',
    'import',
    'export',
    'reindex',
    'keys',
    'channels',
    'eval',
    'augment',
    'index',
    'owner',
  ];
  if (!known.includes(command)) throw new UsageError(`unknown command "${command}"`);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('--port must be 0-65535');
  }
  // Usage mistakes are found before any configuration, database or master key is touched.
  const args = await checkCommandArgs(command, rest, values);

  // `eval` runs on its own fresh temporary database, whatever is configured.
  if (command === 'eval') {
    await evalCommand(args, loadEvalConfig());
    return;
  }
  // Serving refuses an incomplete Slack/Teams configuration; other commands run without that channel.
  const serving = command === 'serve' || command === 'start';
  // These seal, open and sign nothing: with DATABASE_URL they need no CLARA_ENCRYPTION_KEY.
  const needsMasterKey = !(
    ['migrate', 'workspace', 'import', 'export', 'reindex', 'index'].includes(command) ||
    (command === 'owner' && rest[0] === 'reset-password')
  );
  // Every problem at once: serving in production builds links from CLARA_PUBLIC_URL only (never
  // a client's Host header), and a command that needs the master key needs CLARA_ENCRYPTION_KEY.
  const config = loadConfig(undefined, { channels: serving ? 'refuse' : 'disable', serving, needsMasterKey });
  failure.databaseUrl = config.databaseUrl;
  const logger = createLogger({ level: config.logLevel });
  for (const { channel, reason } of config.disabledChannels)
    logger.warn(`${channel} is disabled until its configuration is complete: ${reason}`);
  // An invite needs only the master key: it works beside a running server (no database opened).
  if (command === 'owner' && rest[0] === 'invite') {
    out.json(await ownerInviteCommand(config, args));
    return;
  }
  // The Slack manifest needs only the URL: no database (it works beside a running server too).
  if (command === 'channels' && rest[0] === 'slack-manifest') {
    slackManifestCommand(config, args);
    return;
  }
  // `migrate` applies migrations itself (and reports them); every other command opens a migrated database.
  const runtime: Runtime = await createRuntime(config, logger, {
    migrate: command === 'migrate' ? false : undefined,
    needsMasterKey,
    command: ['workspace', 'keys', 'channels', 'index', 'owner'].includes(command)
      ? `${command} ${rest[0]}`
      : command,
  });
  try {
    switch (command) {
      case 'migrate':
        return await migrateCommand(runtime);
      case 'workspace':
        return await workspaceCreateCommand(runtime, args);
      case 'import':
        return await importCommand(runtime, rest[0], args.workspace, { update: args.update });
      case 'export':
        return await exportCommand(runtime, args);
      case 'reindex':
        return await reindexCommand(runtime, args.workspace);
      case 'serve':
        return await serveCommand(runtime, { port, demo: false });
      case 'start':
        return await serveCommand(runtime, { port, demo: true });
      case 'keys':
        return out.json(await keysCommand(runtime, rest[0], args));
      case 'channels':
        return await channelsCommand(runtime, rest[0], args);
      case 'index':
        return out.json(await indexCommand(runtime.db, rest[0], args));
      case 'owner':
        return await ownerCommand(runtime, rest[0], args);
      case 'augment':
        return out.json(await augmentCommand(runtime, args));
    }
  } finally {
    await runtime.close();
  }
}

run(process.argv.slice(2)).then(
  // A command that finished but reports a failure (e.g. `keys verify` with keys that do not
  // decrypt) sets process.exitCode; process.exit() without an argument keeps it (0 when unset).
  () => process.exit(),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const command = failure.command ?? process.argv.slice(2).find((a) => !a.startsWith('-'));
      out.note(`clara: ${(error as Error).message}\n${usageHint(help, command)}`);
      process.exit(2);
    }
    const explained = explainDatabaseError(error, failure.databaseUrl, failure.command);
    if (explained) {
      out.note(`clara: ${explained}`);
      process.exit(1);
    }
    if (error instanceof ConfigError || isClaraError(error) || isVaultError(error)) {
      out.note(`clara: ${(error as Error).message}`);
      process.exit(1);
    }
    out.note(`clara: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  },
);
