/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

// A phrasing row whose pair is deleted while the import runs (after the file was read, before the
// row is saved) is left out and reported, never saved as a phrasing of nothing.
let server: TestServer;
let owner: AdminClient;
beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
}, 60_000);
afterAll(() => server.close());

const send = async (text: string) => {
  const res = await owner.request('POST', '/api/admin/knowledge/import', text, {
    'content-type': 'text/csv',
  });
  return { status: res.status, body: (await res.json()) as any };
};
async function finish(job: any) {
  for (let i = 0; i < 600 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await owner.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  }
  return job;
}
async function importFile(text: string) {
  const started = await send(text);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const job = await finish(started.body.job);
  expect(job.status, job.error).toBe('done');
  return job.result;
}
const pairId = async (question: string) =>
  (
    await server.db.query<{ id: string }>(
      'SELECT id FROM qa_pairs WHERE workspace_id = $1 AND question = $2',
      [owner.workspaceId, question],
    )
  )[0]?.id;

/**
 * Holds the embedding of texts that include `text` until the returned `open` is called (the
 * import embeds a chunk, then saves it): what the owner does meanwhile lands between the import
 * reading the file and saving that row.
 */
function holdEmbedding(text: string): { open: () => void; restore: () => void } {
  const embedder = server.runtime.embedder as {
    embed: (texts: readonly string[]) => Promise<Float32Array[]>;
  };
  const original = embedder.embed;
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  embedder.embed = async (texts) => {
    if (texts.includes(text)) await gate;
    return original.call(embedder, texts);
  };
  return {
    open,
    restore: () => {
      embedder.embed = original;
    },
  };
}

describe('an import whose phrasing row’s pair is deleted while it runs', { timeout: 120_000 }, () => {
  it('leaves the phrasing out and reports the row; the other rows are saved', async () => {
    const cards = await importFile('question,answer\nDo you sell gift cards?,Yes: from £10.\n');
    await importFile('question,answer\nDo you deliver?,Yes: within 5 miles.\n');
    const cardId = await pairId('Do you sell gift cards?');
    const deliverId = await pairId('Do you deliver?');
    expect(cardId).toBeDefined();
    const file = [
      'question,answer,phrasing_of',
      'Do you stock inner tubes?,Yes.,',
      'Can I buy a gift voucher?,x,Do you sell gift cards?',
      'Do you bring it to me?,x,Do you deliver?',
    ].join('\n');
    const held = holdEmbedding('Can I buy a gift voucher?');
    try {
      const started = await send(file);
      expect(started.status).toBe(202);
      // The file was read with the gift cards pair; the owner undoes the import that added it.
      const undo = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${cards.batch_id}`);
      expect(undo.body).toEqual({ deleted: 1, kept_edited: 0 });
      held.open();
      const job = await finish(started.body.job);
      expect(job.status, job.error).toBe('done');
      expect(job.result).toMatchObject({ imported: 2, inactive: 0, skipped: 1 });
      expect(job.result.errors).toEqual([
        {
          row: 3,
          message:
            'phrasing_of: the pair “Do you sell gift cards?” was deleted while the file was imported: not saved',
        },
      ]);
      // No row phrases the deleted pair; the other phrasing is linked to its pair.
      const linked = await server.db.query<{ question: string; parent: string }>(
        `SELECT question, lower(metadata->>'phrasing_of') AS parent FROM qa_pairs
          WHERE workspace_id = $1 AND metadata->>'phrasing_of' IS NOT NULL`,
        [owner.workspaceId],
      );
      expect(linked).toEqual([{ question: 'Do you bring it to me?', parent: deliverId }]);
      expect(await pairId('Can I buy a gift voucher?')).toBeUndefined();
      expect(await pairId('Do you stock inner tubes?')).toBeDefined();
      // The import's own undo takes back what it saved.
      const undone = await owner.json('DELETE', `/api/admin/knowledge/import-batches/${job.result.batch_id}`);
      expect(undone.body).toEqual({ deleted: 2, kept_edited: 0 });
    } finally {
      held.open();
      held.restore();
    }
  });
});
