/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let a: AdminClient;
let b: AdminClient;
const ids = { pair: '', gap: '', session: '', job: '', batch: '', bPair: '', bGap: '' };

/** Everything of A's that B must not change, as the database sees it. */
const snapshot = () =>
  Promise.all([
    server.db.query('SELECT * FROM qa_pairs WHERE workspace_id = $1 ORDER BY id', [a.workspaceId]),
    server.db.query('SELECT * FROM qa_gaps WHERE workspace_id = $1 ORDER BY id', [a.workspaceId]),
    server.db.query('SELECT * FROM chat_sessions WHERE workspace_id = $1 ORDER BY id', [a.workspaceId]),
    server.db.query('SELECT * FROM workspaces WHERE id = $1', [a.workspaceId]),
  ]).then((parts) => JSON.stringify(parts));

beforeAll(async () => {
  server = await startTestServer();
  a = await signUpOwner(server.url);
  b = await signUpOwner(server.url);
  ids.pair = (
    await a.json('POST', '/api/admin/knowledge', {
      question: 'What is the secret plan?',
      answer: 'A secret.',
    })
  ).body.pair.id;
  const started = await a.request(
    'POST',
    '/api/admin/knowledge/import',
    'question,answer\nImported secret?,Yes.',
    {
      'content-type': 'text/csv',
    },
  );
  let { job } = (await started.json()) as any;
  while (job.status === 'running')
    job = (await a.json('GET', `/api/admin/knowledge/import/${job.id}`)).body.job;
  ids.job = job.id;
  ids.batch = job.result.batch_id;
  expect((await server.ask(a.workspaceId, 'Where do you keep the spare keys?')).status).toBe(200);
  ids.gap = (await a.json('GET', '/api/admin/gaps')).body.items[0].id;
  ids.session = (await a.json('GET', '/api/admin/conversations')).body.items[0].id;
  ids.bPair = (
    await b.json('POST', '/api/admin/knowledge', { question: 'B owns this question?', answer: 'B.' })
  ).body.pair.id;
  expect((await server.ask(b.workspaceId, 'What is the capital of Mongolia?')).status).toBe(200);
  ids.bGap = (await b.json('GET', '/api/admin/gaps')).body.items[0].id;
});
afterAll(() => server.close());

describe("owner B against owner A's ids", () => {
  it('gets 404 or 403 on every admin route, and nothing of A changes', async () => {
    const before = await snapshot();
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/admin/knowledge/${ids.pair}`],
      ['PATCH', `/api/admin/knowledge/${ids.pair}`, { answer: 'hacked' }],
      ['PATCH', `/api/admin/knowledge/${ids.pair}`, { question: 'Hacked question?', is_active: false }],
      ['DELETE', `/api/admin/knowledge/${ids.pair}`],
      ['POST', `/api/admin/knowledge/${ids.pair}/restore`],
      ['POST', '/api/admin/knowledge/bulk', { action: 'deactivate', ids: [ids.pair] }],
      [
        'POST',
        '/api/admin/knowledge/bulk',
        { action: 'recategorise', ids: [ids.bPair, ids.pair], category: 'x' },
      ],
      ['GET', `/api/admin/knowledge/import/${ids.job}`],
      ['DELETE', `/api/admin/knowledge/import-batches/${ids.batch}`],
      ['POST', `/api/admin/gaps/${ids.gap}/resolve`, { answer: 'hacked', category: 'general' }],
      ['POST', `/api/admin/gaps/${ids.gap}/link`, { qa_id: ids.bPair }],
      ['POST', `/api/admin/gaps/${ids.gap}/dismiss`],
      ['POST', `/api/admin/gaps/${ids.bGap}/link`, { qa_id: ids.pair }],
      ['GET', `/api/admin/conversations/${ids.session}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await b.json(method, path, body);
      expect([403, 404], `${method} ${path} → ${res.status}`).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain('secret');
    }
    expect(await snapshot()).toBe(before);
    // B's own pair was not recategorised by the half-foreign bulk request either.
    expect((await b.json('GET', `/api/admin/knowledge/${ids.bPair}`)).body.pair.category).toBe('general');
  });

  it("never lists A's pairs, gaps, conversations, settings or exports to B", async () => {
    await b.json('PATCH', '/api/admin/settings', { settings: { primary_color: '#123456' } });
    const responses = await Promise.all(
      [
        '/api/admin/knowledge?active=all',
        '/api/admin/knowledge?q=secret',
        '/api/admin/gaps',
        '/api/admin/gaps?status=resolved',
        '/api/admin/conversations',
        '/api/admin/overview',
        '/api/admin/settings',
        '/api/admin/workspace',
        '/api/admin/knowledge/export.csv',
      ].map(async (path) => (await b.request('GET', path)).text()),
    );
    for (const text of responses) {
      expect(text).not.toContain('secret');
      expect(text).not.toContain('spare keys');
      expect(text).not.toContain(a.workspaceId);
    }
    const aSettings = (await a.json('GET', '/api/admin/settings')).body.settings;
    expect(aSettings.primary_color).toBe('#6366f1');
  });

  it('is enforced by the database too: under RLS, B cannot see A even without the workspace filter', async () => {
    const { withOwner } = await import('@clara/supabase');
    const [bUser] = await server.db.query<{ id: string }>('SELECT id FROM auth.users WHERE email = $1', [
      b.email,
    ]);
    const seen = await withOwner(server.db, { id: bUser?.id ?? '', email: b.email }, (tx) =>
      tx.query('SELECT id FROM qa_pairs WHERE id = $1 UNION ALL SELECT id FROM qa_gaps WHERE id = $2', [
        ids.pair,
        ids.gap,
      ]),
    );
    expect(seen).toEqual([]);
  });

  it('refuses every admin route without a session (401)', async () => {
    for (const path of [
      '/api/admin/knowledge',
      '/api/admin/gaps',
      '/api/admin/conversations',
      '/api/admin/settings',
      '/api/admin/overview',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(401);
    }
  });
});
