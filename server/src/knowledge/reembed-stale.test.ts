import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createHashingEmbedder, createLocalEmbedder, embedPairs } from '@clara/core';
import { createUser, createWorkspace, insertQaPairs } from '@clara/supabase';
import { createTestDatabase, testDatabaseKind } from '@clara/supabase/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config';
import { createLogger } from '../logger';
import { createRuntime } from '../runtime';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-reembed-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded mode at start-up', () => {
  // Re-embedding at start-up is what embedded mode does; with Postgres it is `clara reindex`.
  it.skipIf(testDatabaseKind === 'pg')(
    're-embeds pairs another embedder embedded, logs it, and then answers from them',
    async () => {
      const db = await createTestDatabase();
      const user = await createUser(db, 'reembed@example.com', 'x');
      const ws = await createWorkspace(db, user.id);
      const old = createHashingEmbedder();
      const question = 'What are your opening hours?';
      const [vector] = await old.embed([question]);
      await insertQaPairs(db, ws.id, [
        {
          question,
          answer: 'We are open 9 to 5.',
          category: 'general',
          embedding: vector as Float32Array,
          source: 'manual',
          metadata: { embedding_model: 'old-embedder-v0' },
        },
      ]);
      const logs: string[] = [];
      const destination = new Writable({
        write: (chunk, _e, cb) => {
          logs.push(String(chunk));
          cb();
        },
      });
      const runtime = await createRuntime(
        loadConfig({ CLARA_DATA_DIR: dataDir, LOG_LEVEL: 'info' }),
        createLogger({ level: 'info', destination }),
        { db },
      );
      try {
        expect(logs.join('')).toMatch(/re-embedded the knowledge base/);
        const [row] = await db.query<{ model: string }>(
          "SELECT metadata->>'embedding_model' AS model FROM qa_pairs WHERE workspace_id = $1",
          [ws.id],
        );
        expect(row?.model).toBe(createLocalEmbedder().id);
        const [q] = await runtime.embedder.embed([question]);
        const matches = await runtime.store.search(ws.id, q as Float32Array, { threshold: 0.5, count: 5 });
        // Re-embedded as import embeds: question + answer.
        const [pair] = await embedPairs(runtime.embedder, [{ question, answer: 'We are open 9 to 5.' }]);
        const expected = (q as Float32Array).reduce((s, x, i) => s + x * ((pair as Float32Array)[i] ?? 0), 0);
        expect(matches[0]?.similarity).toBeCloseTo(expected, 4);
      } finally {
        await runtime.close();
      }
    },
  );
});
