import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { categorySpeller } from './category-spelling';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let workspaceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  workspaceId = (await createWorkspace(db, (await createUser(db, 'spelling@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

/** A pair written straight to the table, as older data or two concurrent writers can leave it. */
const pairIn = (category: string, createdAt: string) =>
  db.query(
    `INSERT INTO qa_pairs (workspace_id, question, answer, category, created_at)
     VALUES ($1, $2, 'An answer.', $3, $4)`,
    [workspaceId, `A question about ${category} at ${createdAt}?`, category, createdAt],
  );

describe('categorySpeller', () => {
  it('on a tie between two spellings takes the older one, whatever the collation orders first', async () => {
    // Byte order ('C') puts 'Pricing' first, an en_US collation 'pricing': neither decides.
    await pairIn('pricing', '2026-01-01T00:00:00Z');
    await pairIn('Pricing', '2026-02-01T00:00:00Z');
    const spell = await categorySpeller(db, workspaceId);
    expect(spell('PRICING')).toBe('pricing');
    expect(spell('Pricing')).toBe('Pricing');
  });

  it('the spelling most pairs have wins over an older one', async () => {
    await pairIn('Opening hours', '2026-01-01T00:00:00Z');
    await pairIn('opening_hours', '2026-03-01T00:00:00Z');
    await pairIn('opening_hours', '2026-03-02T00:00:00Z');
    const spell = await categorySpeller(db, workspaceId);
    expect(spell('OPENING HOURS')).toBe('opening_hours');
  });
});
