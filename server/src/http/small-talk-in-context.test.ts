/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * Acknowledgements read in their conversation, through the public chat API (real server):
 * with an owner's key and an earlier reply, "yes please", "should i?" or "not yet" go to the
 * model with the history; without a model, a "yes" to "Did you mean this question?" picks that
 * question as its chip would, a "yes" to several asks to pick one (chips kept), a "no" invites a
 * rephrase. Greetings, thanks and a first message stay small talk.
 */
import { randomUUID } from 'node:crypto';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { listGapChoices } from '@clara/supabase';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

let server: TestServer;
let openai: FakeProviderServer;
const ws = { llm: '', oneChip: '', chips: '' };
const starters = ['What are your opening hours?'];

async function ask(workspaceId: string, session: string, message: string) {
  const res = await fetch(`${server.url}/api/chat`, {
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

const gapsOf = (workspaceId: string) =>
  server.db.query<{ id: string; question: string; status: string; chosen_qa_id: string | null }>(
    'SELECT id, question, status, chosen_qa_id FROM qa_gaps WHERE workspace_id = $1',
    [workspaceId],
  );
const pairId = async (workspaceId: string, question: string) =>
  (
    await server.db.query<{ id: string }>(
      'SELECT id FROM qa_pairs WHERE workspace_id = $1 AND question = $2',
      [workspaceId, question],
    )
  )[0]?.id;

/** The conversation the model was sent in its last request (the system prompt aside). */
const lastPrompt = () =>
  (((openai.requests.at(-1)?.body ?? {}) as any).messages as { role: string; content: string }[]).filter(
    (m) => m.role !== 'system',
  );

beforeAll(async () => {
  openai = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: openai.baseURL } });
  const settings = { suggested_messages: starters };
  ws.llm = (await server.createWorkspace({ settings })).workspaceId;
  ws.oneChip = (
    await server.createWorkspace({ settings: { ...settings, max_suggestion_chips: 1 } })
  ).workspaceId;
  ws.chips = (
    await server.createWorkspace({ settings: { ...settings, max_suggestion_chips: 3 } })
  ).workspaceId;
  for (const id of Object.values(ws)) await server.addPairs(id, groomerPairs);
  await keysCommand(server.runtime, 'add', {
    workspace: ws.llm,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-proj-small-talk-context-0123456789',
    default: true,
  });
});
afterAll(async () => {
  await server?.close();
  await openai?.close();
});

describe('with a language model and an earlier reply', () => {
  it.each(['yes please', 'should i?', 'is it ok?', 'do you do it?', 'is that all?', 'not yet'])(
    '%j goes to the model with the history, and files no gap',
    async (message) => {
      const session = randomUUID();
      const offer = 'We groom cats too. Would you like to know what a cat groom includes?';
      openai.script({ type: 'reply', text: offer });
      const first = await ask(ws.llm, session, 'Could you look after my cat for a day?');
      expect(first.content).toBe(offer);
      const followUp = `A cat groom includes a bath and a brush-out (${message}).`;
      openai.script({ type: 'reply', text: followUp });
      const before = openai.requests.length;
      const reply = await ask(ws.llm, session, message);
      expect(openai.requests.length).toBe(before + 1);
      expect(reply.content).toBe(followUp);
      expect(reply.content).not.toMatch(/What would you like to know\?$/);
      expect(reply.gap_detected).toBe(false);
      expect(lastPrompt()).toEqual([
        { role: 'user', content: 'Could you look after my cat for a day?' },
        { role: 'assistant', content: offer },
        { role: 'user', content: message },
      ]);
      expect((await gapsOf(ws.llm)).map((g) => g.question)).not.toContain(message);
    },
  );

  it('a first message, a greeting or a thanks stays small talk: the model is not asked', async () => {
    const session = randomUUID();
    const before = openai.requests.length;
    expect((await ask(ws.llm, session, 'yes please')).content).toBe('OK. What would you like to know?');
    expect((await ask(ws.llm, session, 'hi')).content).toMatch(/^Hi! .*What would you like to know\?$/);
    expect((await ask(ws.llm, session, 'thanks!')).content).toMatch(/welcome/);
    expect(openai.requests.length).toBe(before);
  });
});

describe('without a model, after "Did you mean…?"', () => {
  it.each(['yes', 'yes please', 'that one', 'OK'])(
    '%j to one offered question answers it and records the choice as its chip would',
    async (message) => {
      const session = randomUUID();
      const question = `${q.vague} ${randomUUID().slice(0, 4)}`;
      const clarify = await ask(ws.oneChip, session, question);
      expect(clarify).toMatchObject({ reply_kind: 'clarify', suggestion_chips: [q.vagueChoice] });
      expect(clarify.content).toMatch(/^Did you mean this question\?/);
      const chosenId = await pairId(ws.oneChip, q.vagueChoice);
      const reply = await ask(ws.oneChip, session, message);
      expect(reply).toMatchObject({ reply_kind: 'answer', gap_detected: false, confidence: 1 });
      expect(reply.content).toContain(q.vagueAnswer);
      expect(reply.matched_qa_ids[0]).toBe(chosenId);
      expect((await gapsOf(ws.oneChip)).find((g) => g.question === question)).toMatchObject({
        status: 'resolved',
        chosen_qa_id: chosenId,
      });
      expect(await listGapChoices(server.db, ws.oneChip)).toContainEqual(
        expect.objectContaining({ question, chosen_qa_id: chosenId, chosen_question: q.vagueChoice }),
      );
      expect((await gapsOf(ws.oneChip)).map((g) => g.question)).not.toContain(message);
    },
  );

  it('"yes" to several questions asks to pick one, keeps them, and the chip picked next is the choice', async () => {
    const session = randomUUID();
    const clarify = await ask(ws.chips, session, q.vague);
    expect(clarify.reply_kind).toBe('clarify');
    expect(clarify.suggestion_chips.length).toBeGreaterThan(1);
    const yes = await ask(ws.chips, session, 'yes');
    expect(yes.content).toBe('Which one? Please pick one of the questions above.');
    expect(yes.suggestion_chips).toEqual(clarify.suggestion_chips);
    expect(yes.gap_detected).toBe(false);
    expect((await gapsOf(ws.chips)).map((g) => g.question)).toEqual([q.vague]);
    const picked = await ask(ws.chips, session, q.vagueChoice);
    expect(picked.content).toContain(q.vagueAnswer);
    expect(await listGapChoices(server.db, ws.chips)).toEqual([
      expect.objectContaining({ question: q.vague, chosen_question: q.vagueChoice }),
    ]);
  });

  it('"no" invites a rephrase, files no gap; "yes" after an ordinary answer is still small talk', async () => {
    const session = randomUUID();
    const question = 'what do you charge for a wash';
    expect((await ask(ws.oneChip, session, question)).reply_kind).toBe('clarify');
    const no = await ask(ws.oneChip, session, 'no');
    expect(no).toMatchObject({ gap_detected: false, suggestion_chips: [] });
    expect(no.content).toBe('No problem. Could you say a little more about what you are looking for?');
    expect((await gapsOf(ws.oneChip)).map((g) => g.question)).not.toContain('no');
    expect((await gapsOf(ws.oneChip)).find((g) => g.question === question)?.status).toBe('open');
    const answered = await ask(ws.oneChip, session, q.paraphrase);
    expect(answered.reply_kind).toBe('answer');
    expect((await ask(ws.oneChip, session, 'yes')).content).toBe('OK. What would you like to know?');
  });
});
