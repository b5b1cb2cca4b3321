/* biome-ignore-all lint/suspicious/noExplicitAny: response bodies are checked by the assertions */
/**
 * Messages that are not questions about the business, through the public chat API (real server,
 * PGlite, no language model unless said): approval ("ok cool", "cool thanks"), a polite close
 * ("no thanks", "that's all"), "what?" / "huh?" / "sorry?" / "why?" after an answer, and keyboard
 * mash ("asdfgh") get a short reply and never reach the owner's gap inbox; real short questions,
 * codes, misspellings and words only the knowledge base knows ("Bravecto") still do.
 */
import { randomUUID } from 'node:crypto';
import { type FakeProviderServer, startFakeOpenAi } from '@clara/core/testing/llm';
import { groomerPairs, replyKindQuestions as q } from '@clara/testkit/reply-kinds-kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { keysCommand } from '../cli/keys-command';

const starters = ['What are your opening hours?'];
const pairs = [
  ...groomerPairs,
  {
    question: 'Do you sell flea treatment?',
    answer: 'Yes, we sell Bravecto chews at the desk: $45 for a three-month dose.',
    category: 'shop',
  },
];
const notCaught = 'Sorry, I didn’t catch that — could you rephrase your question?';

let server: TestServer;
let openai: FakeProviderServer;
let ws: string;
let llm: string;

async function ask(message: string, session = randomUUID(), workspaceId = ws) {
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

const gaps = async (workspaceId = ws) =>
  (
    await server.db.query<{ question: string }>('SELECT question FROM qa_gaps WHERE workspace_id = $1', [
      workspaceId,
    ])
  ).map((r) => r.question);

/** A session whose first question was answered from the knowledge base. */
async function answeredSession(workspaceId = ws) {
  const session = randomUUID();
  const first = await ask(q.paraphrase, session, workspaceId);
  expect(first.reply_kind).toBe('answer');
  return session;
}

beforeAll(async () => {
  openai = await startFakeOpenAi();
  server = await startTestServer({ env: { OPENAI_BASE_URL: openai.baseURL } });
  ws = (await server.createWorkspace({ settings: { suggested_messages: starters } })).workspaceId;
  llm = (await server.createWorkspace({ settings: { suggested_messages: starters } })).workspaceId;
  await server.addPairs(ws, pairs);
  await server.addPairs(llm, pairs);
  await keysCommand(server.runtime, 'add', {
    workspace: llm,
    provider: 'openai',
    model: 'gpt-4o-mini',
    key: 'sk-proj-unclear-messages-0123456789',
    default: true,
  });
});
afterAll(async () => {
  await server?.close();
  await openai?.close();
});

describe('not questions about the business: never a gap (no language model)', () => {
  it.each(['ok cool', 'great', 'Ok, perfect.'])('%j is an acknowledgement', async (message) => {
    const reply = await ask(message);
    expect(reply).toMatchObject({ reply_kind: 'answer', gap_detected: false, matched_qa_ids: [] });
    expect(reply.content).toBe('OK. What would you like to know?');
    expect(await gaps()).not.toContain(message);
  });

  it.each(['cool thanks', 'Cool, thank you!'])('%j is a thanks', async (message) => {
    const reply = await ask(message);
    expect(reply).toMatchObject({ gap_detected: false, suggestion_chips: [] });
    expect(reply.content).toMatch(/welcome/);
    expect(await gaps()).not.toContain(message);
  });

  it.each(['no thanks', 'no thank you', "that's all"])(
    '%j after an answer closes politely, no chips, no gap',
    async (message) => {
      const reply = await ask(message, await answeredSession());
      expect(reply).toMatchObject({ reply_kind: 'answer', gap_detected: false, suggestion_chips: [] });
      expect(reply.content).toBe('No problem — ask any time.');
      expect(await gaps()).not.toContain(message);
    },
  );

  it.each(['what?', 'huh?', 'sorry?', 'why?'])(
    '%j after an answer asks to rephrase or say what was unclear, no gap',
    async (message) => {
      const reply = await ask(message, await answeredSession());
      expect(reply).toMatchObject({ gap_detected: false, matched_qa_ids: [] });
      expect(reply.content).toMatch(/rephrase/);
      expect(reply.content).not.toContain('dogs');
      expect(await gaps()).not.toContain(message);
      // As a first message it is a call for help.
      const first = await ask(message);
      expect(first.content).toBe('Happy to help. What would you like to know?');
      expect(await gaps()).not.toContain(message);
    },
  );

  it.each(['asdfgh', 'kjhkjhkjh', 'qwerty uiop'])(
    'keyboard mash %j is asked to be rephrased: the starters, no gap',
    async (message) => {
      const reply = await ask(message);
      expect(reply).toMatchObject({ gap_detected: false, matched_qa_ids: [], suggestion_chips: starters });
      expect(reply.content).toBe(notCaught);
      expect(await gaps()).not.toContain(message);
    },
  );
});

describe('real short questions are not mash', () => {
  it('offers the pair holding a word the vocabulary lacks but the knowledge base has', async () => {
    const reply = await ask('bravecto?');
    expect(reply.content).not.toBe(notCaught);
    expect([reply.content, ...reply.suggestion_chips].join('\n')).toMatch(
      /Bravecto|Do you sell flea treatment\?/,
    );
  });

  it('answers a single real word from the knowledge base', async () => {
    const reply = await ask('parking');
    expect(reply).toMatchObject({ reply_kind: 'answer', gap_detected: false });
    expect(reply.content).toContain('Elm Street');
  });

  it.each(['prices', 'apointment', 'XPS13', 'SW1A 1AA'])(
    '%j goes to the knowledge base, a gap the owner sees when it does not answer',
    async (message) => {
      const reply = await ask(message);
      expect(reply.content).not.toBe(notCaught);
      expect(reply.content).not.toMatch(/What would you like to know\?$/);
      if (reply.gap_detected) expect(await gaps()).toContain(message);
      else expect(reply.reply_kind).toBe('answer');
    },
  );

  it('reads a word neither the vocabulary nor the knowledge base knows as a question beside known words', async () => {
    const reply = await ask('do you groom labradoodles?');
    expect(reply.content).not.toBe(notCaught);
    expect(reply.gap_detected || reply.reply_kind === 'answer').toBe(true);
  });
});

describe('with a language model', () => {
  it('"why?" after an answer still goes to the model with the history, and files no gap', async () => {
    const session = randomUUID();
    // A question the model answers (the owner's own question would be answered as written).
    openai.script({ type: 'reply', text: 'We are closed on Sundays and Mondays.' });
    const first = await ask('can i come in on a monday', session, llm);
    expect(first.content).toBe('We are closed on Sundays and Mondays.');
    const because = 'We close on Sundays and Mondays so the team can rest.';
    openai.script({ type: 'reply', text: because });
    const reply = await ask('why?', session, llm);
    expect(reply.content).toBe(because);
    expect(reply.gap_detected).toBe(false);
    expect(await gaps(llm)).not.toContain('why?');
  });
});
