/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * A visitor asks for a person in a new workspace (no booking link, the default): through the real
 * server, the reply is flagged (`asked_for_person`), the conversation is listed under "Asked for a
 * person" and its gap is labelled as such in the inbox (not "Low confidence"), as with a booking
 * link; the "cannot book here" reply shows the knowledge base's related pairs as chips.
 */
import { randomUUID } from 'node:crypto';
import { noBookingAnswer } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../test/test-server';

const bikePairs = [
  {
    question: 'Is there parking?',
    answer:
      'There is no parking at the shop itself, but the public car park on Mill Road is two minutes away.',
    category: 'visit',
  },
  {
    question: 'What are your opening hours?',
    answer: 'We are open 9 to 6, Tuesday to Saturday.',
    category: 'visit',
  },
  { question: 'How much is a bike service?', answer: 'A standard bike service is £65.', category: 'repairs' },
  {
    question: 'What is your phone number?',
    answer: 'Call us on 01234 567890 or drop in during opening hours.',
    category: 'contact',
  },
];

let server: TestServer;
let owner: AdminClient;

async function ask(message: string, session = randomUUID()) {
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
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  await server.addPairs(owner.workspaceId, bikePairs);
});
afterAll(() => server.close());

describe('a request for a person without a booking link', () => {
  it('is flagged on the reply, in Conversations and in the inbox', async () => {
    const settings = (await owner.json('GET', '/api/admin/settings')).body.settings;
    expect(settings).toMatchObject({ escalation_enabled: true, booking_url: null });
    const reply = await ask('Can I talk to a person?');
    expect(reply).toMatchObject({
      reply_kind: 'gap',
      gap_detected: true,
      escalation_offered: false,
      asked_for_person: true,
    });
    expect(reply.content.startsWith(noBookingAnswer)).toBe(true);
    const plain = await ask('Is there parking?');
    expect(plain).toMatchObject({ reply_kind: 'answer' });
    expect(plain).not.toHaveProperty('asked_for_person');

    const only = (await owner.json('GET', '/api/admin/conversations?escalated=true')).body;
    expect(only.items.map((c: any) => c.first_question)).toEqual(['Can I talk to a person?']);
    expect(only.items[0]).toMatchObject({ escalated: true, booking_offered: false });
    const not = (await owner.json('GET', '/api/admin/conversations?escalated=false')).body;
    expect(not.items.map((c: any) => c.first_question)).toEqual(['Is there parking?']);

    const inbox = (await owner.json('GET', '/api/admin/gaps/groups')).body;
    const gaps = inbox.groups.flatMap((g: any) => g.gaps);
    expect(gaps.find((g: any) => g.question === 'Can I talk to a person?')).toMatchObject({
      asked_for_person: true,
      disliked: false,
    });
  });

  it('offers the closest pair, when plausible, as a chip with the honest reply, never "Did you mean…?"', async () => {
    for (const question of ['Can I talk to a person?', 'Could I speak with someone?']) {
      const reply = await ask(question);
      expect(reply).toMatchObject({ reply_kind: 'gap', asked_for_person: true, escalation_offered: false });
      expect(reply.suggestion_chips).toEqual(['What is your phone number?']);
      expect(reply.content).toBe(
        `${noBookingAnswer} In the meantime, one of the suggestions below may help.`,
      );
    }
  });

  it('an ordinary unanswered question is not flagged', async () => {
    const reply = await ask('Do you sell tandem frames in titanium?');
    expect(reply.gap_detected).toBe(true);
    expect(reply).not.toHaveProperty('asked_for_person');
    const gaps = (await owner.json('GET', '/api/admin/gaps/groups')).body.groups.flatMap((g: any) => g.gaps);
    expect(gaps.find((g: any) => g.question === 'Do you sell tandem frames in titanium?')).toMatchObject({
      asked_for_person: false,
    });
  });

  it('is flagged as before with a booking link (the link answers it, no gap)', async () => {
    await owner.json('PATCH', '/api/admin/settings', {
      settings: { booking_url: 'https://cal.example.com/bikes' },
    });
    const reply = await ask('Can I speak to someone?');
    expect(reply).toMatchObject({ escalation_offered: true, gap_detected: false, asked_for_person: true });
  });

  it('recognises other ways of asking ("I want a human", an operator…) and not a question naming one', async () => {
    for (const question of ['I want a human', 'Can I get an operator please', 'customer service please']) {
      const reply = await ask(question);
      expect(reply).toMatchObject({ escalation_offered: true, gap_detected: false, asked_for_person: true });
      expect(reply.content).not.toMatch(/Did you mean/);
    }
    await owner.json('PATCH', '/api/admin/settings', { settings: { booking_url: null } });
    const unbooked = await ask('I want a human');
    expect(unbooked).toMatchObject({ reply_kind: 'gap', escalation_offered: false, asked_for_person: true });
    expect(unbooked.content.startsWith(noBookingAnswer)).toBe(true);
    const gaps = (await owner.json('GET', '/api/admin/gaps/groups')).body.groups.flatMap((g: any) => g.gaps);
    expect(gaps.find((g: any) => g.question === 'I want a human')).toMatchObject({ asked_for_person: true });
    for (const question of ['do you have human-grade dog food', 'is the owner allowed to stay']) {
      expect(await ask(question)).not.toHaveProperty('asked_for_person');
    }
  });
});
