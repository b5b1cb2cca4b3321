import {
  type ChatEngine,
  type ChatStore,
  createChatEngine,
  createLocalEmbedder,
  type Embedder,
} from '@clara/core';
import {
  createPostgresChatStore,
  type Database,
  hasSealedSecrets,
  openDatabase,
  sampleSealedSecret,
} from '@clara/supabase';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from './config/load-config';
import { type AugmentSweep, createAugmentSweep } from './knowledge/augment-sweep';
import { createOpenAiVectors, type OpenAiVectors } from './knowledge/openai-vectors';
import { reembedStaleWorkspaces } from './knowledge/reembed-stale';
import { createLifecycle, type Lifecycle } from './lifecycle/lifecycle';
import { trackTurns } from './lifecycle/tracked-engine';
import { createKeyResolver, createUsageMeter, type KeyResolver } from './llm';
import { createDiskSpace, type DiskSpace, type FreeSpaceReader } from './storage/disk-space';
import { generateMasterKey, resolveMasterKey, settleStagedKeyFiles } from './vault';

/** The long-lived parts of a Clara process, built once from configuration. */
export interface Runtime {
  config: Config;
  /** The pino logger of the process: core's `Logger` port, plus flush and child for the composition root. */
  logger: PinoLogger;
  db: Database;
  embedder: Embedder;
  store: ChatStore;
  engine: ChatEngine;
  /** The vault's master key (CLARA_ENCRYPTION_KEY, or embedded: generated into the data directory). */
  masterKey: Buffer;
  /** Each workspace's language model from its default API key (call `invalidate` after a key change). */
  models: KeyResolver;
  /** OpenAI embeddings of workspaces with an OpenAI key (or all, with OPENAI_API_KEY), kept up to date in the background. */
  vectors: OpenAiVectors;
  /** Phrasings written in the background for new pairs of workspaces with `augment_questions`. */
  augmenter: AugmentSweep;
  /** Shutting down or not, and the requests and turns still in flight (see `RunningServer.shutdown`). */
  lifecycle: Lifecycle;
  /** Embedded mode: refuses writes while the data folder's disk is nearly full (PGlite hangs when it fills). */
  diskSpace: DiskSpace;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Apply pending migrations on open (default: yes for the embedded database). */
  migrate?: boolean;
  /** Use an already open database (tests). */
  db?: Database;
  /** The CLI command, named in the embedded data directory's lock when another process is refused. */
  command?: string;
  /** False for commands that seal, open and sign nothing (migrate, import…): with DATABASE_URL they run without CLARA_ENCRYPTION_KEY. Default true. */
  needsMasterKey?: boolean;
  /** How the embedded data folder's free space is read (tests); default `fs.statfs`. */
  readFreeBytes?: FreeSpaceReader;
}

/** Opens the database and wires the engine. */
export async function createRuntime(
  config: Config,
  logger: PinoLogger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const db =
    options.db ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      migrate: options.migrate,
      poolSize: config.poolSize,
      statementTimeoutMs: config.statementTimeoutMs,
      command: options.command,
    }));
  logger.debug(
    { database: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined },
    'database open',
  );
  // With DATABASE_URL the key is CLARA_ENCRYPTION_KEY only; a command that needs none (migrate,
  // import…) gets a throwaway one that is never stored and seals nothing.
  const loaded = await resolveMasterKey({
    dataDir: config.dataDir,
    envKey: config.encryptionKey,
    logger,
    production: Boolean(config.databaseUrl),
    needsKey: options.needsMasterKey ?? true,
    hasSealedSecrets: () => hasSealedSecrets(db),
  }).catch(async (error: unknown) => {
    if (!options.db) await db.close();
    throw error;
  });
  const masterKey = loaded?.key ?? generateMasterKey();
  // Embedded: key files an interrupted `clara keys rotate` staged and the database never used go.
  if (loaded?.source === 'file') {
    const sample = () => sampleSealedSecret(db);
    await settleStagedKeyFiles({ dataDir: config.dataDir, masterKey, sample, logger }).catch(
      (error: unknown) => logger.warn({ err: error }, 'could not check the staged master key files'),
    );
  }
  const embedder = createLocalEmbedder();
  const store = createPostgresChatStore(db, { embedderId: embedder.id });
  // Embedded mode heals itself: pairs embedded by another embedder are re-embedded at start-up.
  if (db.kind === 'pglite' && options.migrate !== false) await reembedStaleWorkspaces(db, embedder, logger);
  const models = createKeyResolver({
    db,
    masterKey,
    baseUrls: { openai: config.llm.openAiBaseUrl, anthropic: config.llm.anthropicBaseUrl },
    totalTimeoutMs: config.llm.totalTimeoutMs,
    firstTokenTimeoutMs: config.llm.firstTokenTimeoutMs,
    breakerCoolDownMs: config.llm.breakerCoolDownMs,
    logger,
  });
  const vectors = createOpenAiVectors({
    db,
    masterKey,
    baseURL: config.llm.openAiBaseUrl,
    serverKey: config.llm.openAiEmbeddingsKey,
    logger,
  });
  // Only a serving process keeps them up to date (a CLI command leaves it to the server; tests call sync).
  const augmenter = createAugmentSweep({ db, embedder, models, logger });
  if (options.command === 'serve' || options.command === 'start') {
    vectors.start();
    augmenter.start();
  }
  const lifecycle = createLifecycle();
  const diskSpace = createDiskSpace({
    dataDir: db.kind === 'pglite' ? config.dataDir : null,
    logger,
    read: options.readFreeBytes,
  });
  if (options.command === 'serve' || options.command === 'start') diskSpace.start();
  const engine = trackTurns(
    createChatEngine({ store, embedder, models, usage: createUsageMeter(db), logger, indexes: vectors }),
    lifecycle,
  );
  return {
    config,
    logger,
    db,
    embedder,
    store,
    engine,
    masterKey,
    models,
    vectors,
    augmenter,
    lifecycle,
    diskSpace,
    close: async () => {
      diskSpace.stop();
      await Promise.all([vectors.stop(), augmenter.stop()]);
      await db.close();
    },
  };
}
