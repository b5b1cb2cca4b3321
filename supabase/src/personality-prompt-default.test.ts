import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPersonalityPrompt } from '@clara/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { openPg } from './drivers/pg-driver';
import { openPglite } from './drivers/pglite-driver';
import { migrate, migrationsDir, readMigrations } from './migrate';
import { createNativeDatabase } from './testing/native-postgres';
import { testDatabaseServer } from './testing/test-database';

const fix = '20261207121500';
const seedPrompt = defaultPersonalityPrompt.replace("don't", 'don not');

/** A database migrated up to (not including) the fix: PGlite, or a fresh native database. */
async function databaseBeforeFix(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const earlier = mkdtempSync(join(tmpdir(), 'clara-migrations-'));
  for (const m of readMigrations().filter((m) => m.version < fix))
    copyFileSync(
      join(migrationsDir(), `${m.version}_${m.name}.sql`),
      join(earlier, `${m.version}_${m.name}.sql`),
    );
  const native = testDatabaseServer === 'postgres' ? await createNativeDatabase({ empty: true }) : null;
  const db = native ? await openPg({ connectionString: native.url, max: 2 }) : await openPglite();
  await migrate(db, earlier);
  rmSync(earlier, { recursive: true, force: true });
  return {
    db,
    drop: async () => {
      await db.close();
      await native?.drop();
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe(`migration ${fix}: the default personality prompt says "don't"`, () => {
  it('fixes the column default and the rows still holding the seed default, and nothing else', async () => {
    const { db, drop } = await databaseBeforeFix();
    cleanups.push(drop);
    const insert = async (email: string, settings?: Record<string, unknown>) => {
      const [user] = await db.query<{ id: string }>(
        'INSERT INTO auth.users (email) VALUES ($1) RETURNING id',
        [email],
      );
      const [ws] = settings
        ? await db.query<{ id: string }>(
            'INSERT INTO workspaces (owner_id, settings) VALUES ($1, $2::jsonb) RETURNING id',
            [user?.id, JSON.stringify(settings)],
          )
        : await db.query<{ id: string }>('INSERT INTO workspaces (owner_id) VALUES ($1) RETURNING id', [
            user?.id,
          ]);
      return ws?.id as string;
    };
    // The seed's default, as a workspace created before the fix holds it (the column default).
    const untouched = await insert('default@example.com');
    const [stored] = await db.query<{ p: string }>(
      "SELECT settings->>'personality_prompt' AS p FROM workspaces WHERE id = $1",
      [untouched],
    );
    expect(stored?.p).toBe(seedPrompt);
    // The seed default, other settings changed by the owner (kept as they are).
    const renamed = await insert('renamed@example.com', {
      display_name: 'Ada',
      personality_prompt: seedPrompt,
      confidence_threshold: 0.6,
    });
    // Owners' own texts: one with the typo but edited elsewhere, one with a trailing space, one of their own.
    const edited = `${seedPrompt}\n5. Answer in French.`;
    const editedId = await insert('edited@example.com', { personality_prompt: edited });
    const spaced = `${seedPrompt} `;
    const spacedId = await insert('spaced@example.com', { personality_prompt: spaced });
    const own = 'You are Ada. If you don not know, say so.';
    const ownId = await insert('own@example.com', { personality_prompt: own });
    const noPrompt = await insert('none@example.com', { display_name: 'No prompt' });
    const [before] = await db.query<{ updated_at: string }>(
      'SELECT updated_at::text FROM workspaces WHERE id = $1',
      [ownId],
    );

    const result = await migrate(db);
    expect(result.applied[0]).toBe(fix);

    const rows = await db.query<{ id: string; settings: Record<string, unknown>; updated_at: string }>(
      'SELECT id, settings, updated_at::text FROM workspaces',
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(untouched)?.settings.personality_prompt).toBe(defaultPersonalityPrompt);
    expect(byId.get(untouched)?.settings.display_name).toBe('Clara');
    expect(byId.get(renamed)?.settings).toEqual({
      display_name: 'Ada',
      personality_prompt: defaultPersonalityPrompt,
      confidence_threshold: 0.6,
    });
    expect(byId.get(editedId)?.settings.personality_prompt).toBe(edited);
    expect(byId.get(spacedId)?.settings.personality_prompt).toBe(spaced);
    expect(byId.get(ownId)?.settings).toEqual({ personality_prompt: own });
    expect(byId.get(ownId)?.updated_at).toBe(before?.updated_at);
    expect(byId.get(noPrompt)?.settings).toEqual({ display_name: 'No prompt' });

    // A workspace created from now on gets the corrected default, the rest of it as the seed's.
    const fresh = await insert('fresh@example.com');
    const [created] = await db.query<{ settings: Record<string, unknown> }>(
      'SELECT settings FROM workspaces WHERE id = $1',
      [fresh],
    );
    expect(created?.settings.personality_prompt).toBe(defaultPersonalityPrompt);
    expect({ ...created?.settings, personality_prompt: undefined }).toEqual({
      ...byId.get(untouched)?.settings,
      personality_prompt: undefined,
    });
    expect(JSON.stringify(created?.settings)).not.toContain('don not');
    // Re-running is a no-op.
    expect((await migrate(db)).applied).toEqual([]);
  }, 120_000);

  // The founding spec stays runnable unchanged: the seed migration is still its Migration 5A-1, verbatim.
  const spec = join(migrationsDir(), '..', '..', '..', 'shared', 'seed', 'SCHEMA.md');
  it.skipIf(!existsSync(spec))('leaves the seed migration as SCHEMA.md has it', () => {
    const seed = readFileSync(join(migrationsDir(), '20260201000100_core_tables.sql'), 'utf8');
    const body = seed.slice(seed.indexOf('\n') + 1);
    expect(readFileSync(spec, 'utf8')).toContain(body.trimEnd());
    expect(body).toContain('If you don not have enough information');
  });
});
