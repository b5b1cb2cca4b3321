/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * Without a language model, a short follow-up that leans on the conversation ("how much is it?"
 * after "Do you run workshops?") is answered about what the visitor asked before, through the
 * public chat API (real server, PGlite). A self-contained question is answered as on its own, and
 * another session's questions are never read.
 */
import { randomUUID } from 'node:crypto';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

const pairs = [
  ['What are your opening hours?', 'We are open Monday to Saturday, 9am to 6pm.'],
  ['How much is a bouquet?', 'Our hand-tied bouquets start at £35.'],
  ['How much is a dozen roses?', 'A dozen red roses is £48, wrapped.'],
  ['Do you deliver?', 'Yes, we deliver across town every day except Sunday, £6.'],
  ['Do you run workshops?', 'Yes, wreath-making workshops on the first Saturday of the month.'],
  ['How much does a workshop cost?', 'A workshop place is £65, flowers and tea included.'],
  ['Can I get a refund on a workshop?', 'Workshop places are refundable up to 7 days before.'],
  ['How long is a workshop?', 'A workshop lasts about two hours.'],
  ['How long does delivery take?', 'Same-day delivery arrives within four hours.'],
].map(([question, answer]) => ({ question: question ?? '', answer: answer ?? '', category: 'shop' }));

let server: TestServer;
let openai: FakeProviderServer;
let ws: string;
let llm: string;

async function ask(message: string, session: string, workspaceId = ws) {
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

beforeAll(async () => {
  openai = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: openai.baseURL } });
  ws = (await server.createWorkspace()).workspaceId;
  llm = (await server.createWorkspace()).workspaceId;
  await server.addPairs(ws, pairs);
  await server.addPairs(llm, pairs);
  await keysCommand(server.runtime, 'add', {
    workspace: llm,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-proj-follow-up-context-0123456789',
    default: true,
  });
});
afterAll(async () => {
  await server?.close();
  await openai?.close();
});

/** A session whose first question, about workshops, was answered. */
async function workshopSession() {
  const session = randomUUID();
  const first = await ask('Do you run workshops?', session);
  expect(first.content).toContain('wreath-making');
  return session;
}

describe('a follow-up without a language model', () => {
  it('"how much is it?" after "Do you run workshops?" gets the workshop price, not the bouquet', async () => {
    const session = await workshopSession();
    const reply = await ask('how much is it?', session);
    expect(reply.content).toContain('£65');
    expect(reply.content).not.toContain('bouquet');
  });

  it('"is that refundable?" after the workshops and their price gets the workshop refund answer', async () => {
    const session = await workshopSession();
    expect((await ask('how much is it?', session)).content).toContain('£65');
    const reply = await ask('is that refundable?', session);
    expect(reply.content).toContain('refundable up to 7 days');
  });

  it('"how long does it take?" is about what was asked before: workshops, then delivery', async () => {
    // The answer, or the first question of a "Did you mean…?" (as "how long does a workshop take?" gets).
    const offered = (reply: any) =>
      reply.reply_kind === 'answer' ? reply.content : reply.suggestion_chips[0];
    const workshop = await workshopSession();
    expect(offered(await ask('how long does it take?', workshop))).toMatch(
      /two hours|How long is a workshop\?/,
    );
    const delivery = randomUUID();
    expect((await ask('Do you deliver?', delivery)).content).toContain('across town');
    expect(offered(await ask('how long does it take?', delivery))).toMatch(
      /four hours|How long does delivery take\?/,
    );
  });

  it('a self-contained question after the workshops is answered as on its own', async () => {
    const alone = await ask('how much is a dozen roses?', randomUUID());
    const session = await workshopSession();
    const reply = await ask('how much is a dozen roses?', session);
    expect(reply.content).toContain('£48');
    expect(reply).toMatchObject({
      content: alone.content,
      matched_qa_ids: alone.matched_qa_ids,
      confidence: alone.confidence,
    });
  });

  it('a pronoun question with a topic of its own ("is it open on saturdays?") is answered as on its own', async () => {
    const alone = await ask('is it open on saturdays?', randomUUID());
    expect(alone.content).toContain('Monday to Saturday');
    const reply = await ask('is it open on saturdays?', await workshopSession());
    expect(reply).toMatchObject({ content: alone.content, matched_qa_ids: alone.matched_qa_ids });
  });

  it('never reads another session: "how much is it?" in a new session is not about workshops', async () => {
    await workshopSession();
    const reply = await ask('how much is it?', randomUUID());
    expect(reply.content).not.toContain('£65');
  });
});

/** The knowledge base entries a request to the model carries. */
const knowledgeOf = (body: unknown) =>
  /<knowledge_base>[\s\S]*<\/knowledge_base>/.exec(JSON.stringify(body))?.[0] ?? 'none';

describe('a follow-up with a language model', () => {
  it('is searched as the message alone, as before: the model reads the conversation itself', async () => {
    const fresh = randomUUID();
    await ask('how much is it?', fresh, llm);
    const alone = knowledgeOf(openai.requests.at(-1)?.body);
    const session = randomUUID();
    await ask('Do you run workshops?', session, llm);
    await ask('how much is it?', session, llm);
    const body = JSON.stringify(openai.requests.at(-1)?.body);
    expect(body).toContain('Do you run workshops?');
    // The model is given the entries the message alone finds, in the same order.
    expect(knowledgeOf(openai.requests.at(-1)?.body)).toBe(alone);
    expect(alone).toContain('£35');
  });
});
