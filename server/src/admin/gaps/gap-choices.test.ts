/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, adminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;
let other: AdminClient;

async function ask(message: string, sessionToken: string) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: sessionToken,
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

beforeAll(async () => {
  server = await startTestServer({ env: { CLARA_SIGNUP: 'open' } });
  owner = await signUpOwner(server.url);
  other = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
  await server.addPairs(other.workspaceId, groomerPairs);
});
afterAll(() => server.close());

describe('GET /api/admin/gaps/choices', () => {
  it('lists a visitor’s pick against the gap its question filed, to this owner only', async () => {
    expect((await owner.json('GET', '/api/admin/gaps/choices')).body).toEqual({ choices: [] });

    const session = randomUUID();
    const clarify = await ask(q.vague, session);
    expect(clarify).toMatchObject({ reply_kind: 'clarify', gap_detected: true });
    expect(clarify.suggestion_chips).toContain(q.vagueChoice);
    const gap = (await owner.json('GET', '/api/admin/gaps')).body.items.find(
      (g: any) => g.question === q.vague,
    );
    expect(gap).toMatchObject({ status: 'open' });

    const picked = await ask(q.vagueChoice, session);
    expect(picked).toMatchObject({ reply_kind: 'answer', gap_detected: false, confidence: 1 });
    const pair = (await owner.json('GET', '/api/admin/knowledge?q=groom')).body.items.find(
      (p: any) => p.question === q.vagueChoice,
    );
    expect(picked.content).toContain(pair.answer);

    const listed = await owner.json('GET', '/api/admin/gaps/choices');
    expect(listed.status).toBe(200);
    expect(listed.body.choices).toEqual([
      {
        gap_id: gap.id,
        question: q.vague,
        session_id: gap.session_id,
        chosen_qa_id: pair.id,
        chosen_question: q.vagueChoice,
        chosen_at: expect.any(String),
      },
    ]);
    expect(Date.parse(listed.body.choices[0].chosen_at)).toBeGreaterThan(Date.parse(gap.created_at) - 1);
    const resolved = (await owner.json('GET', '/api/admin/gaps?status=resolved')).body.items;
    expect(resolved.find((g: any) => g.id === gap.id)?.resolved_qa).toEqual({
      id: pair.id,
      question: q.vagueChoice,
    });

    // Another owner sees only their own workspace's choices (none), whatever they ask for.
    expect((await other.json('GET', '/api/admin/gaps/choices')).body).toEqual({ choices: [] });
    expect((await other.json('GET', '/api/admin/gaps/choices?limit=200')).body).toEqual({ choices: [] });
  });

  it('validates the limit and needs a signed-in owner', async () => {
    for (const limit of ['0', '201', 'ten']) {
      const res = await owner.json('GET', `/api/admin/gaps/choices?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await owner.json('GET', '/api/admin/gaps/choices?limit=1')).body.choices).toHaveLength(1);
    const signedOut = adminClient(server.url, { email: 'x@example.com', password: 'x' });
    const res = await signedOut.json('GET', '/api/admin/gaps/choices');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBeTypeOf('string');
    expect(JSON.stringify(res.body)).not.toContain(q.vague);
  });
});
