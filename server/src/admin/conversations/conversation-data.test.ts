/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let second: TestServer;
let a: AdminClient;
let b: AdminClient;

async function ask(base: string, workspaceId: string, session: string, message: string) {
  const res = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: workspaceId,
      session_token: session,
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

async function history(base: string, workspaceId: string, session: string) {
  const res = await fetch(`${base}/api/chat/history?workspace_id=${workspaceId}&session_token=${session}`);
  return ((await res.json()) as any).messages as unknown[];
}

/** Parses the export's CSV (every cell quoted, CRLF rows). */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"')));
}

beforeAll(async () => {
  server = await startTestServer();
  // A second instance on the same database, as behind a load balancer.
  second = await startTestServer({
    db: server.db,
    env: { CLARA_DATA_DIR: server.runtime.config.dataDir, LOG_LEVEL: 'silent' },
  });
  a = await signUpOwner(server.url);
  b = await signUpOwner(server.url);
  await server.addPairs(a.workspaceId, groomerPairs);
  await server.addPairs(b.workspaceId, groomerPairs);
}, 60_000);
afterAll(async () => {
  await second.close();
  await server.close();
});

describe("visitors' data: export and delete", () => {
  it('exports exactly the workspace’s conversations, as CSV (one row per message) and JSON', async () => {
    const sessions = [randomUUID(), randomUUID()];
    await ask(server.url, a.workspaceId, sessions[0] as string, q.paraphrase);
    await ask(server.url, a.workspaceId, sessions[0] as string, '=HYPERLINK("http://evil.example")');
    await ask(server.url, a.workspaceId, sessions[1] as string, q.unrelated);
    await ask(server.url, b.workspaceId, randomUUID(), 'a question from B’s visitor');

    const json = await a.request('GET', '/api/admin/conversations/export.json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(
      /attachment; filename="clara-conversations-.*\.json"/,
    );
    const body = (await json.json()) as any;
    expect(body.workspace_id).toBe(a.workspaceId);
    const listed = (await a.json('GET', '/api/admin/conversations?page_size=100')).body.items.map(
      (c: any) => c.id,
    );
    expect(body.conversations.map((c: any) => c.id).sort()).toEqual([...listed].sort());
    expect(body.conversations).toHaveLength(2);
    const questions = body.conversations.flatMap((c: any) =>
      c.messages.filter((m: any) => m.role === 'user').map((m: any) => m.content),
    );
    expect(questions.sort()).toEqual([q.paraphrase, '=HYPERLINK("http://evil.example")', q.unrelated].sort());
    expect(JSON.stringify(body)).not.toContain('B’s visitor');

    const csv = await a.request('GET', '/api/admin/conversations/export.csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(await csv.text());
    expect(rows[0]?.slice(0, 3)).toEqual(['conversation_id', 'channel', 'conversation_started_at']);
    const data = rows.slice(1);
    expect(data).toHaveLength(6); // three questions, three replies
    expect(new Set(data.map((r) => r[0]))).toEqual(new Set(listed));
    // A cell a spreadsheet would run as a formula is neutralised.
    expect(data.some((r) => r[8] === `'=HYPERLINK("http://evil.example")`)).toBe(true);

    const other = (await b
      .request('GET', '/api/admin/conversations/export.json')
      .then((r) => r.json())) as any;
    expect(other.conversations).toHaveLength(1);
    expect(other.conversations[0].messages[0].content).toBe('a question from B’s visitor');
  });

  it('deletes one conversation and the gaps filed from it, for every instance; another owner’s is a 404', async () => {
    const session = randomUUID();
    const reply = await ask(server.url, a.workspaceId, session, 'do you sell motorbike tyres?');
    expect(reply.gap_detected).toBe(true);
    const list = (await a.json('GET', '/api/admin/conversations?page_size=100')).body.items;
    const target = list.find((c: any) => c.first_question === 'do you sell motorbike tyres?');
    const gapsBefore = (await a.json('GET', '/api/admin/gaps')).body;
    expect(JSON.stringify(gapsBefore)).toContain('motorbike tyres');

    expect((await b.json('DELETE', `/api/admin/conversations/${target.id}`)).status).toBe(404);
    expect((await a.json('DELETE', '/api/admin/conversations/not-a-uuid')).status).toBe(404);
    const deleted = await a.json('DELETE', `/api/admin/conversations/${target.id}`);
    expect(deleted).toEqual({ status: 200, body: { deleted: { conversations: 1, gaps: 1 } } });

    expect((await a.json('GET', `/api/admin/conversations/${target.id}`)).status).toBe(404);
    expect(JSON.stringify((await a.json('GET', '/api/admin/gaps')).body)).not.toContain('motorbike tyres');
    // Gone on both instances: the visitor's widget finds no history on either.
    expect(await history(server.url, a.workspaceId, session)).toEqual([]);
    expect(await history(second.url, a.workspaceId, session)).toEqual([]);
    const rows = await server.db.query(
      `SELECT 1 FROM chat_sessions WHERE id = $1
       UNION ALL SELECT 1 FROM qa_gaps WHERE question = 'do you sell motorbike tyres?'`,
      [target.id],
    );
    expect(rows).toEqual([]);
    expect((await a.json('DELETE', `/api/admin/conversations/${target.id}`)).status).toBe(404);
    expect(server.logs.join('')).not.toContain('motorbike');
  });
});
