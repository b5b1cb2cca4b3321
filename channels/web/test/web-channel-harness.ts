import { randomUUID } from 'node:crypto';
import {
  type Channel,
  ClaraError,
  createChatEngine,
  createLocalEmbedder,
  embedPairs,
  type QaPairInput,
} from '@clara/core';
import {
  createPostgresChatStore,
  createUser,
  createWorkspace,
  type Database,
  insertQaPairs,
  recordFeedback,
} from '@clara/supabase';
import { createTestDatabase } from '@clara/supabase/testing';
import { createWebChannel } from '../src/create-web-channel';

/** The web channel with what it needs for real and nothing of the server. */
export interface WebChannelHarness {
  channel: Channel;
  db: Database;
  /** A workspace with an owner, optionally with settings. */
  createWorkspace(settings?: Record<string, unknown>): Promise<string>;
  /** Adds Q&A pairs embedded with the engine's embedder, as an import does. */
  addPairs(workspaceId: string, pairs: readonly QaPairInput[]): Promise<void>;
  /** Sends one request through `handle`, as the host's bridge does (from 127.0.0.1). */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The web channel over the real core engine (local embedder, no language model: extractive
 * answers) and the real Postgres store on a fresh migrated test database; no HTTP server.
 * Errors are thrown as `ClaraError`, as the channel contract says: their HTTP mapping is the host's.
 */
export async function startWebChannel(): Promise<WebChannelHarness> {
  const db = await createTestDatabase();
  const embedder = createLocalEmbedder();
  const store = createPostgresChatStore(db, { embedderId: embedder.id });
  const channel = createWebChannel({
    engine: createChatEngine({ store, embedder }),
    store,
    describeError: (error) =>
      error instanceof ClaraError
        ? { code: error.code, message: error.message }
        : { code: 'internal', message: 'Something went wrong.' },
    feedback: (input) => db.transaction((tx) => recordFeedback(tx, input)),
  });
  return {
    channel,
    db,
    async createWorkspace(settings) {
      const user = await createUser(db, `owner-${randomUUID().slice(0, 8)}@example.com`, 'not-a-real-hash');
      return (await createWorkspace(db, user.id, { settings })).id;
    },
    async addPairs(workspaceId, pairs) {
      const vectors = await embedPairs(embedder, pairs);
      await insertQaPairs(
        db,
        workspaceId,
        pairs.map((pair, i) => ({
          ...pair,
          embedding: vectors[i] as Float32Array,
          source: 'manual',
          metadata: { embedding_model: embedder.id },
        })),
      );
    },
    request(method, path, body, headers = {}) {
      const request = new Request(`http://clara.test${path}`, {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return channel.handle(request, { clientIp: '127.0.0.1' });
    },
    close: () => db.close(),
  };
}
