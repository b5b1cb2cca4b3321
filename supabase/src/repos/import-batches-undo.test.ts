import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { deleteImportBatchPairs } from './import-batches';
import { insertPhrasingsOfLivePairs } from './insert-phrasings';
import { insertQaPairs, type NewQaPair } from './qa-pairs';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let workspaceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  workspaceId = (await createWorkspace(db, (await createUser(db, 'undo-race@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

const pair = (question: string, metadata: Record<string, unknown> = {}): NewQaPair => ({
  question,
  answer: 'From £10.',
  category: 'Gifts',
  embedding: Float32Array.from({ length: 1536 }, (_, i) => (i === question.length ? 1 : 0)),
  source: 'csv_import',
  metadata,
});

describe('deleteImportBatchPairs while another import saves a phrasing of its pair', () => {
  it('deletes the phrasing with its pair when that import commits while the undo waits', async () => {
    const batch = crypto.randomUUID();
    const [parent] = await insertQaPairs(db, workspaceId, [
      pair('Do you sell gift cards?', { import_batch_id: batch }),
    ]);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let saved = () => {};
    const didSave = new Promise<void>((resolve) => {
      saved = resolve;
    });
    // The other import has saved its phrasing (its pair locked) and not yet committed.
    const importing = db.transaction(async (tx) => {
      const ids = await insertPhrasingsOfLivePairs(tx, workspaceId, [
        { ...pair('Can I buy a gift voucher?'), parentId: parent as string },
      ]);
      saved();
      await held;
      return ids;
    });
    await didSave;
    const undo = db.transaction((tx) => deleteImportBatchPairs(tx, workspaceId, batch));
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    expect((await importing)[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await undo).toEqual({ deleted: 1, keptEdited: 0 });
    const left = await db.query<{ question: string }>(
      `SELECT question FROM qa_pairs WHERE workspace_id = $1 AND (id = $2 OR metadata->>'phrasing_of' = $2::text)`,
      [workspaceId, parent],
    );
    expect(left).toEqual([]);
  });
});
