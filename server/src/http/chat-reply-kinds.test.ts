/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * The three kinds of reply through the public chat API (real server, JSON and SSE), and a
 * visitor's pick among "Did you mean…?" questions: recorded against the gap in the same
 * session only, never from another session or another workspace.
 */
import { randomUUID } from 'node:crypto';
import { listGapChoices } from '@clara/supabase';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { sseFrames } from '@clara/testkit/sse-frames';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';

let server: TestServer;
let ws: string;
let otherWs: string;
const pairIds = new Map<string, string>();

async function chat(workspaceId: string, sessionToken: string, message: string, accept = 'application/json') {
  return fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({
      workspace_id: workspaceId,
      session_token: sessionToken,
      message_id: randomUUID(),
      message,
    }),
  });
}

async function ask(workspaceId: string, sessionToken: string, message: string) {
  const res = await chat(workspaceId, sessionToken, message);
  expect(res.status).toBe(200);
  return ((await res.json()) as any).message;
}

interface GapRow {
  id: string;
  question: string;
  status: string;
  resolved_qa_id: string | null;
  chosen_qa_id: string | null;
  chosen_at: Date | null;
}
const gapsOf = (workspaceId: string) =>
  server.db.query<GapRow>(
    'SELECT id, question, status, resolved_qa_id, chosen_qa_id, chosen_at FROM qa_gaps WHERE workspace_id = $1',
    [workspaceId],
  );

beforeAll(async () => {
  server = await startTestServer();
  ({ workspaceId: ws } = await server.createWorkspace());
  ({ workspaceId: otherWs } = await server.createWorkspace());
  await server.addPairs(ws, groomerPairs);
  await server.addPairs(otherWs, groomerPairs);
  const rows = await server.db.query<{ id: string; question: string }>(
    'SELECT id, question FROM qa_pairs WHERE workspace_id = $1',
    [ws],
  );
  for (const r of rows) pairIds.set(r.question, r.id);
});
afterAll(() => server.close());

describe('reply_kind through POST /api/chat', () => {
  it('answers a paraphrase (answer), asks "Did you mean…?" for a vaguer question (clarify), falls back honestly (gap)', async () => {
    const answer = await ask(ws, randomUUID(), q.paraphrase);
    expect(answer).toMatchObject({ role: 'assistant', reply_kind: 'answer', gap_detected: false });
    expect(answer.content).toContain(q.paraphraseAnswer);
    expect(answer.matched_qa_ids[0]).toBe(pairIds.get('What are your opening hours?'));
    expect(answer.confidence).toBeGreaterThanOrEqual(0.78);

    const clarify = await ask(ws, randomUUID(), q.vague);
    expect(clarify).toMatchObject({ reply_kind: 'clarify', gap_detected: true });
    expect(clarify.content).toMatch(/^Did you mean (one of these questions|this question)\?/);
    expect(clarify.content).not.toContain("I don't have that information");
    expect(clarify.suggestion_chips).toContain(q.vagueChoice);
    expect(clarify.confidence).toBeLessThan(0.78);

    const gap = await ask(ws, randomUUID(), q.unrelated);
    expect(gap).toMatchObject({ reply_kind: 'gap', gap_detected: true });
    expect(gap.content).toMatch(/^I don't have that information yet/);

    // Below the threshold a gap is filed, for "Did you mean…?" as well (the seed's rule).
    const open = (await gapsOf(ws)).filter((g) => g.status === 'open').map((g) => g.question);
    expect(open).toEqual(expect.arrayContaining([q.vague, q.unrelated]));
    expect(open).not.toContain(q.paraphrase);
  });

  it('streams the kind in the SSE done event and keeps it in the history', async () => {
    const session = randomUUID();
    const res = await chat(ws, session, q.vague, 'text/event-stream');
    expect(res.status).toBe(200);
    let done: any = null;
    for await (const frame of sseFrames(res)) if (frame.event === 'done') done = frame.data.message;
    expect(done).toMatchObject({ reply_kind: 'clarify' });
    expect(done.suggestion_chips).toContain(q.vagueChoice);

    const history = await fetch(
      `${server.url}/api/chat/history?workspace_id=${ws}&session_token=${session}`,
    ).then((r) => r.json() as Promise<any>);
    expect(history.messages.map((m: any) => m.reply_kind ?? m.role)).toEqual(['user', 'clarify']);
  });
});

describe('small talk through POST /api/chat', () => {
  it('greets a "hi" with the suggested questions and thanks a "thanks!", filing no gap for either', async () => {
    const { workspaceId } = await server.createWorkspace({
      settings: {
        suggested_messages: ['What are your opening hours?', 'Do you groom cats?'],
        display_name: 'Pawsome',
      },
    });
    await server.addPairs(workspaceId, groomerPairs);
    const session = randomUUID();
    const hello = await ask(workspaceId, session, 'Hi!');
    expect(hello).toMatchObject({ reply_kind: 'answer', gap_detected: false, matched_qa_ids: [] });
    // Visitor's words: the assistant's name, no "knowledge base".
    expect(hello.content).toBe('Hi! I’m Pawsome. What would you like to know?');
    expect(hello.suggestion_chips).toEqual(['What are your opening hours?', 'Do you groom cats?']);
    const answer = await ask(workspaceId, session, q.paraphrase);
    expect(answer.reply_kind).toBe('answer');
    const thanks = await ask(workspaceId, session, 'thanks!');
    expect(thanks).toMatchObject({ reply_kind: 'answer', gap_detected: false, suggestion_chips: [] });
    expect(thanks.content).toMatch(/welcome/i);
    // "hi, do you groom cats?" is a question, not small talk: it goes through retrieval.
    const question = await ask(workspaceId, session, 'hi, do you groom cats?');
    expect(question.matched_qa_ids.length).toBeGreaterThan(0);
    expect(await gapsOf(workspaceId)).toHaveLength(0);
  });
});

describe('a visitor picks one of the offered questions', () => {
  it('counts only in the session that was offered it: not from another session or workspace', async () => {
    const [question = ''] = q.vagueOthers;
    const session = randomUUID();
    const clarify = await ask(ws, session, question);
    expect(clarify.reply_kind).toBe('clarify');
    expect(clarify.suggestion_chips).toContain(q.vagueChoice);
    const gapBefore = (await gapsOf(ws)).find((g) => g.question === question);
    expect(gapBefore).toMatchObject({ status: 'open', chosen_qa_id: null });

    // The same chip text from a fresh session: an ordinary question, nothing recorded.
    const stranger = await ask(ws, randomUUID(), q.vagueChoice);
    expect(stranger.gap_detected).toBe(false);
    // The same session token on another workspace is another session: nothing recorded either.
    const elsewhere = await ask(otherWs, session, q.vagueChoice);
    expect(elsewhere.gap_detected).toBe(false);
    expect(await listGapChoices(server.db, ws)).toEqual([]);
    expect(await listGapChoices(server.db, otherWs)).toEqual([]);
    expect((await gapsOf(ws)).find((g) => g.id === gapBefore?.id)).toMatchObject({
      status: 'open',
      chosen_qa_id: null,
      resolved_qa_id: null,
    });

    // The visitor's own pick: the pair answers, and the gap is resolved with it.
    const chosenId = pairIds.get(q.vagueChoice);
    const picked = await ask(ws, session, q.vagueChoice.toLowerCase());
    expect(picked).toMatchObject({ reply_kind: 'answer', gap_detected: false, confidence: 1 });
    expect(picked.content).toContain(q.vagueAnswer);
    expect(picked.matched_qa_ids[0]).toBe(chosenId);
    const gap = (await gapsOf(ws)).find((g) => g.id === gapBefore?.id);
    expect(gap).toMatchObject({ status: 'resolved', resolved_qa_id: chosenId, chosen_qa_id: chosenId });
    expect(gap?.chosen_at).toBeInstanceOf(Date);
    const choices = await listGapChoices(server.db, ws);
    expect(choices).toEqual([
      expect.objectContaining({
        gap_id: gapBefore?.id,
        question,
        chosen_qa_id: chosenId,
        chosen_question: q.vagueChoice,
      }),
    ]);

    // Asking the chip again is no second pick: the last reply is no longer "Did you mean…?".
    await ask(ws, session, q.vagueChoice);
    expect(await listGapChoices(server.db, ws)).toHaveLength(1);
    expect(await listGapChoices(server.db, otherWs)).toEqual([]);
  });

  it('a chip picked in one workspace never resolves the other workspace’s gap for the same question', async () => {
    const question = q.vagueOthers[1] ?? '';
    const mine = randomUUID();
    const theirs = randomUUID();
    expect((await ask(ws, mine, question)).reply_kind).toBe('clarify');
    expect((await ask(otherWs, theirs, question)).reply_kind).toBe('clarify');
    await ask(ws, mine, q.vagueChoice);
    expect((await gapsOf(ws)).find((g) => g.question === question)?.status).toBe('resolved');
    expect((await gapsOf(otherWs)).find((g) => g.question === question)).toMatchObject({
      status: 'open',
      chosen_qa_id: null,
    });
  });
});
