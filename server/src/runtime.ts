import { type ChatEngine, type ChatStore, createChatEngine, createHashingEmbedder, type Embedder } from '@clara/core';
import { createPostgresChatStore, type Database, openDatabase } from '@clara/supabase';
import type { Config } from './config';
import type { Logger } from './logger';

/** The long-lived parts of a Clara process, built once from configuration. */
export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  embedder: Embedder;
  store: ChatStore;
  engine: ChatEngine;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Apply pending migrations on open (default: yes for the embedded database). */
  migrate?: boolean;
  /** Use an already open database (tests). */
  db?: Database;
}

/** Opens the database and wires the engine. */
export async function createRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const db =
    options.db ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      migrate: options.migrate,
      poolSize: config.poolSize,
    }));
  logger.debug({ database: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined }, 'database open');
  const embedder = createHashingEmbedder();
  const store = createPostgresChatStore(db);
  const engine = createChatEngine({ store, embedder });
  return {
    config,
    logger,
    db,
    embedder,
    store,
    engine,
    close: () => db.close(),
  };
}
