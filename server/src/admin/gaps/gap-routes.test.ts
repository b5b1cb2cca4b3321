/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminClient, signUpOwner } from '../../../test/admin/admin-client';
import { startTestServer, type TestServer } from '../../../test/test-server';

let server: TestServer;
let owner: AdminClient;

async function ask(message: string, sessionToken = randomUUID()) {
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
  server = await startTestServer();
  owner = await signUpOwner(server.url);
  for (const [question, answer] of [
    ['What are your opening hours?', 'We are open 9 to 5, Monday to Friday.'],
    ['Do you ship internationally?', 'We ship to 30 countries.'],
  ]) {
    expect((await owner.json('POST', '/api/admin/knowledge', { question, answer })).status).toBe(201);
  }
});
afterAll(() => server.close());

describe('gap inbox', () => {
  it('turns a gap into a pair, and the next visitor gets that answer confidently', async () => {
    const question = 'Do you sell gift cards for birthdays?';
    const before = await ask(question);
    expect(before.gap_detected).toBe(true);

    const open = await owner.json('GET', '/api/admin/gaps');
    const gap = open.body.items.find((g: any) => g.question === question);
    expect(gap).toMatchObject({ status: 'open', ai_answer: before.content });
    expect(open.body.counts.open).toBeGreaterThanOrEqual(1);

    const answer = 'Yes: gift cards from $10, delivered by email.';
    const resolved = await owner.json('POST', `/api/admin/gaps/${gap.id}/resolve`, {
      answer,
      category: 'general',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.gap).toMatchObject({
      status: 'resolved',
      resolved_qa: { id: resolved.body.pair.id, question },
    });

    const after = await ask(question);
    expect(after.gap_detected).toBe(false);
    expect(after.content).toContain(answer);
    expect(after.matched_qa_ids[0]).toBe(resolved.body.pair.id);

    expect((await owner.json('POST', `/api/admin/gaps/${gap.id}/dismiss`)).status).toBe(409);
    const listed = await owner.json('GET', '/api/admin/gaps?status=resolved');
    expect(listed.body.items.map((g: any) => g.id)).toContain(gap.id);
  });

  it('links a gap to an existing pair (a new phrasing with its answer), and dismisses another', async () => {
    await ask('Is anybody there early tomorrow?');
    await ask('Can I bring my dog into the store?');
    const { items } = (await owner.json('GET', '/api/admin/gaps')).body;
    const morning = items.find((g: any) => g.question.startsWith('Is anybody there early'));
    const dog = items.find((g: any) => g.question.startsWith('Can I bring my dog'));
    const pairs = (await owner.json('GET', '/api/admin/knowledge?q=opening')).body.items;
    const linked = await owner.json('POST', `/api/admin/gaps/${morning.id}/link`, { qa_id: pairs[0].id });
    expect(linked.status).toBe(200);
    expect(linked.body.pair).toMatchObject({ question: morning.question, answer: pairs[0].answer });
    expect(linked.body.gap.resolved_qa.id).toBe(pairs[0].id);
    expect((await ask(morning.question)).gap_detected).toBe(false);

    const dismissed = await owner.json('POST', `/api/admin/gaps/${dog.id}/dismiss`);
    expect(dismissed.body.gap.status).toBe('dismissed');
    expect(
      (await owner.json('GET', '/api/admin/gaps?status=dismissed')).body.items.map((g: any) => g.id),
    ).toEqual([dog.id]);
  });
});

describe('conversations, overview, settings', () => {
  it('lists sessions and reads a transcript with the matched pairs', async () => {
    const token = randomUUID();
    await ask('Do you ship internationally?', token);
    const list = await owner.json('GET', '/api/admin/conversations');
    expect(list.status).toBe(200);
    const conv = list.body.items.find((c: any) => c.first_question === 'Do you ship internationally?');
    expect(conv).toMatchObject({ message_count: 2, gap_count: 0, channel: 'web' });
    const withGaps = await owner.json('GET', '/api/admin/conversations?had_gap=true');
    expect(withGaps.body.items.every((c: any) => c.gap_count > 0)).toBe(true);
    const one = await owner.json('GET', `/api/admin/conversations/${conv.id}`);
    const reply = one.body.conversation.messages[1];
    expect(reply.role).toBe('assistant');
    expect(one.body.matched_pairs[reply.matched_qa_ids[0]]).toBe('Do you ship internationally?');
  });

  it('counts pairs, open gaps, conversations and the answered rate', async () => {
    const res = await owner.json('GET', '/api/admin/overview');
    expect(res.status).toBe(200);
    // The owner's pairs (two typed, one from a gap) apart from the visitor's wording linked above.
    expect(res.body.pairs).toBeGreaterThanOrEqual(3);
    expect(res.body.phrasings).toBeGreaterThanOrEqual(1);
    expect(res.body.conversations_7d).toBeGreaterThanOrEqual(5);
    expect(res.body.per_day).toHaveLength(14);
    const today = res.body.per_day.at(-1);
    expect(today.answered + today.gaps).toBe(res.body.answered_7d + res.body.gaps_7d);
    expect(res.body.answer_rate_7d).toBeGreaterThan(0);
    expect(res.body.answer_rate_7d).toBeLessThan(1);
  });

  it('reads and updates settings with strict validation', async () => {
    const read = await owner.json('GET', '/api/admin/settings');
    expect(read.body.settings.confidence_threshold).toBe(0.78);
    const ok = await owner.json('PATCH', '/api/admin/settings', {
      name: 'Renamed',
      settings: {
        primary_color: '#ff0066',
        confidence_threshold: 0.8,
        max_suggestion_chips: 5,
        suggested_messages: ['Hours?'],
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toMatchObject({
      primary_color: '#ff0066',
      confidence_threshold: 0.8,
      display_name: 'Clara',
    });
    expect(ok.body.workspace.name).toBe('Renamed');
    const widget = await (await fetch(`${server.url}/api/widget/${owner.workspaceId}/config`)).json();
    expect(JSON.stringify(widget)).toContain('#ff0066');
    for (const settings of [
      { confidence_threshold: 0.4 },
      { confidence_threshold: 0.99 },
      { max_suggestion_chips: 6 },
      { max_suggestion_chips: 0 },
      { primary_color: 'red' },
      { booking_url: 'javascript:alert(1)' },
      { powered_by_clara: false },
      { unknown_field: 1 },
    ]) {
      const bad = await owner.json('PATCH', '/api/admin/settings', { settings });
      expect(bad.status, JSON.stringify(settings)).toBe(400);
    }
    expect((await owner.json('GET', '/api/admin/settings')).body.settings.primary_color).toBe('#ff0066');
  });
});
