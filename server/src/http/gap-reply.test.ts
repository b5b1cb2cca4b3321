/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * The reply when Clara has no answer promises nothing Clara cannot keep (the widget asks for no
 * way to reach the visitor): through the real server, the honest default, the variant naming an
 * email the host page passed (`Clara.identify`), the "cannot book" variant, and the owner's own
 * reply written in Settings (`gap_reply`: validated, stored in the settings JSON, used for gaps).
 */
import { randomUUID } from 'node:crypto';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let owner: AdminClient;

async function ask(message: string, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message,
      ...extra,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
});
afterAll(() => server.close());

describe('the gap reply', () => {
  it('says the question is noted, promising no follow-up, and still files the gap', async () => {
    const gap = await ask(q.unrelated);
    expect(gap).toMatchObject({ reply_kind: 'gap', gap_detected: true });
    expect(gap.content).toMatch(
      /^I don't have that information yet\. I've noted your question so the team can add the answer\./,
    );
    expect(gap.content).not.toMatch(/passed your question on|get back to you|contact you/);
    const filed = await server.db.query<{ question: string }>(
      "SELECT question FROM qa_gaps WHERE workspace_id = $1 AND status = 'open'",
      [owner.workspaceId],
    );
    expect(filed.map((r) => r.question)).toContain(q.unrelated);
  });

  it('names the email the host page passed, which the Gap inbox shows the owner', async () => {
    const gap = await ask(q.unrelated, { visitor: { name: 'Ada', email: 'ada@example.com' } });
    expect(gap.reply_kind).toBe('gap');
    expect(gap.content).toContain("I've noted your question for the team with your email (ada@example.com)");
    const noBooking = await ask('Can I talk to a person?', { visitor: { email: 'bob@example.com' } });
    expect(noBooking).toMatchObject({ reply_kind: 'gap', escalation_offered: false });
    expect(noBooking.content).toBe(
      "I can't book a call with the team from here. I've noted your request for the team with your email (bob@example.com), so they can reply to you there.",
    );
  });

  it('the "cannot book" variant promises nothing either', async () => {
    const reply = await ask('Can I talk to a person?');
    expect(reply.content).toBe(
      "I can't book a call with the team from here. I've noted your request so the team can see it.",
    );
  });

  it("uses the owner's own reply from Settings, validated like the other texts", async () => {
    const own = "Sorry, I don't know that yet. Call us on 01234 567890 and we'll help.";
    const saved = await owner.json('PATCH', '/api/admin/settings', { settings: { gap_reply: `  ${own}  ` } });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.gap_reply).toBe(own);
    expect((await owner.json('GET', '/api/admin/settings')).body.settings.gap_reply).toBe(own);
    // Not a visitor setting: the widget never needs it, the engine writes the reply.
    const config = await fetch(`${server.url}/api/widget/${owner.workspaceId}/config`);
    expect(((await config.json()) as any).settings).not.toHaveProperty('gap_reply');

    const gap = await ask(q.unrelated, { visitor: { email: 'ada@example.com' } });
    expect(gap).toMatchObject({ reply_kind: 'gap', gap_detected: true });
    // The owner's words replace Clara's word for word, as the Settings preview shows them (no
    // email sentence, no pointer to the chips, no booking line added); the chips still follow.
    expect(gap.content).toBe(own);
    expect(gap.suggestion_chips.length).toBeGreaterThan(0);
    // With a booking link, the second unanswered question in a row offers it as the button only.
    await owner.json('PATCH', '/api/admin/settings', {
      settings: { booking_url: 'https://cal.example.com/paws' },
    });
    const session = randomUUID();
    await ask(q.unrelated, { session_token: session });
    const offered = await ask('Do you sell motorbike tyres?', { session_token: session });
    expect(offered).toMatchObject({ reply_kind: 'gap', escalation_offered: true, content: own });
    await owner.json('PATCH', '/api/admin/settings', { settings: { booking_url: null } });

    for (const bad of ['x'.repeat(501), 'call us\u0000now']) {
      const res = await owner.json('PATCH', '/api/admin/settings', { settings: { gap_reply: bad } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    // Emptied, Clara's own reply is back.
    await owner.json('PATCH', '/api/admin/settings', { settings: { gap_reply: '' } });
    expect((await ask(q.unrelated)).content).toMatch(/^I don't have that information yet\. I've noted/);
  });
});
