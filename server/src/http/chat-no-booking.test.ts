/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * A visitor asks for a person when the workspace has no booking link to offer (the seed's
 * default: escalation on, `booking_url` null; or escalation switched off): through the real
 * server, an honest "cannot book a call here" reply that files a gap, never "Did you mean…?"
 * questions on other topics. With a booking URL the link is still offered.
 */
import { randomUUID } from 'node:crypto';
import { noBookingAnswer, noBookingLead } from '@clara/core';
import { groomerPairs } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let owner: AdminClient;

async function ask(message: string) {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      workspace_id: owner.workspaceId,
      session_token: randomUUID(),
      message_id: randomUUID(),
      message,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

const openGaps = (question: string) =>
  server.db.query<{ question: string; ai_answer: string | null; offered_qa_ids: string[] }>(
    "SELECT question, ai_answer, offered_qa_ids FROM qa_gaps WHERE workspace_id = $1 AND status = 'open' AND question = $2",
    [owner.workspaceId, question],
  );

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, groomerPairs);
});
afterAll(() => server.close());

describe('a visitor asks for a person and there is no booking link', () => {
  it('says so honestly and files the question as a gap, with no unrelated chips (seed default settings)', async () => {
    const settings = (await owner.json('GET', '/api/admin/settings')).body.settings;
    expect(settings).toMatchObject({ escalation_enabled: true, booking_url: null });

    for (const question of ['Can I talk to a person?', 'Could I speak with a real person please?']) {
      const reply = await ask(question);
      expect(reply).toMatchObject({
        role: 'assistant',
        content: noBookingAnswer,
        reply_kind: 'gap',
        gap_detected: true,
        escalation_offered: false,
        suggestion_chips: [],
      });
      const gaps = await openGaps(question);
      expect(gaps).toHaveLength(1);
      expect(gaps[0]).toMatchObject({ ai_answer: noBookingAnswer, offered_qa_ids: [] });
    }
  });

  it('does the same when the owner switched escalation off, even with a URL', async () => {
    const off = await owner.json('PATCH', '/api/admin/settings', {
      settings: { escalation_enabled: false, booking_url: 'https://cal.example.com/happy-paws' },
    });
    expect(off.status).toBe(200);
    const reply = await ask('Can I speak to someone?');
    expect(reply).toMatchObject({ content: noBookingAnswer, reply_kind: 'gap', escalation_offered: false });
    expect(reply.suggestion_chips).toEqual([]);
  });

  it('still offers the booking link when there is one (no gap)', async () => {
    const on = await owner.json('PATCH', '/api/admin/settings', { settings: { escalation_enabled: true } });
    expect(on.status).toBe(200);
    const reply = await ask('Can I talk to a human?');
    expect(reply).toMatchObject({ escalation_offered: true, gap_detected: false });
    expect(reply.content).not.toBe(noBookingAnswer);
    expect(await openGaps('Can I talk to a human?')).toHaveLength(0);
  });

  it('still answers an ordinary question from the knowledge base without a booking URL', async () => {
    await owner.json('PATCH', '/api/admin/settings', { settings: { booking_url: null } });
    const reply = await ask('What are your opening hours?');
    expect(reply).toMatchObject({ reply_kind: 'answer', gap_detected: false });
  });

  it("gives the owner's own gap reply (a phone number) after one sentence when they wrote one", async () => {
    const own = 'Not sure… call us on 01234 567890';
    const saved = await owner.json('PATCH', '/api/admin/settings', {
      settings: { booking_url: null, gap_reply: own },
    });
    expect(saved.status).toBe(200);
    const reply = await ask('Can I talk to a person?');
    expect(reply).toMatchObject({
      content: `${noBookingLead} ${own}`,
      reply_kind: 'gap',
      gap_detected: true,
      escalation_offered: false,
    });
    expect(reply.content).toContain('01234 567890');
  });

  it('offers the pairs that say how to reach the business as chips, and no others', async () => {
    await owner.json('PATCH', '/api/admin/settings', { settings: { booking_url: null, gap_reply: '' } });
    await server.addPairs(owner.workspaceId, [
      {
        question: 'How can I get in touch with you?',
        answer: 'Phone 555-0100 or email hello@happypaws.example, Tuesday to Saturday.',
        category: 'contact',
      },
    ]);
    const reply = await ask('is there someone I can talk to');
    expect(reply).toMatchObject({ reply_kind: 'gap', gap_detected: true, escalation_offered: false });
    expect(reply.suggestion_chips).toContain('How can I get in touch with you?');
    // Only answers that give a way to reach the business (a number, an address to write to).
    const ways = new Set(['How can I get in touch with you?', 'How do I book an appointment?']);
    for (const chip of reply.suggestion_chips) expect(ways.has(chip), chip).toBe(true);
  });
});
