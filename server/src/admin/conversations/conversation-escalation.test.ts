/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

async function ask(message: string, session: string) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: session,
      message_id: randomUUID(),
      message,
    }),
  });
  return ((await res.json()) as any).message;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
  const patched = await owner.json('PATCH', '/api/admin/settings', {
    settings: { escalation_enabled: true, booking_url: 'https://cal.example.com/happy-paws' },
  });
  expect(patched.status).toBe(200);
});
afterAll(() => server.close());

describe('conversations: who asked for a person', () => {
  it('marks a session escalated when the visitor asked for a person, not when two questions went unanswered', async () => {
    const unanswered = randomUUID();
    await ask(q.unrelated, unanswered);
    const second = await ask('do you sell motorbike tyres?', unanswered);
    expect(second).toMatchObject({ gap_detected: true, escalation_offered: true });
    const asked = randomUUID();
    // The booking link answers the request: an answer from no pair, not a gap (the transcript's badge).
    expect(await ask('Can I talk to someone?', asked)).toMatchObject({
      escalation_offered: true,
      gap_detected: false,
      reply_kind: 'answer',
      matched_qa_ids: [],
    });
    const answered = randomUUID();
    await ask(q.paraphrase, answered);

    const list = (await owner.json('GET', '/api/admin/conversations')).body.items;
    const byFirst = Object.fromEntries(list.map((c: any) => [c.first_question, c]));
    expect(byFirst[q.unrelated]).toMatchObject({ escalated: false, booking_offered: true });
    expect(byFirst['Can I talk to someone?']).toMatchObject({ escalated: true, booking_offered: true });
    expect(byFirst[q.paraphrase]).toMatchObject({ escalated: false, booking_offered: false });

    const only = (await owner.json('GET', '/api/admin/conversations?escalated=true')).body;
    expect(only.items.map((c: any) => c.first_question)).toEqual(['Can I talk to someone?']);
    const not = (await owner.json('GET', '/api/admin/conversations?escalated=false')).body;
    expect(not.total).toBe(2);
    const detail = await owner.json('GET', `/api/admin/conversations/${byFirst[q.unrelated].id}`);
    expect(detail.body.conversation).toMatchObject({ escalated: false, booking_offered: true });
    const handedOff = await owner.json(
      'GET',
      `/api/admin/conversations/${byFirst['Can I talk to someone?'].id}`,
    );
    expect(byFirst['Can I talk to someone?']).toMatchObject({ gap_count: 0, open_gap_count: 0 });
    const reply = handedOff.body.conversation.messages.find((m: any) => m.role === 'assistant');
    expect(reply).toMatchObject({ reply_kind: 'answer', gap_detected: false, escalation_offered: true });
  });
});
