import { randomUUID } from 'node:crypto';
import type { FakeBehaviour } from '@clara/core/testing/llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  capturedBodies,
  chatJson,
  chatSse,
  doneMessage,
  newTurn,
  shownText,
} from '../../test/resilience/chat-driver';
import { type LlmHarness, rawOpenAiKey, startLlmHarness } from '../../test/resilience/harness';
import { auditStore, runLoad } from '../../test/resilience/load-scenario';
import { report } from '../../test/resilience/report';

const firstTokenMs = 600;
const totalMs = 1_500;
let h: LlmHarness;
let noKey: string;

beforeAll(async () => {
  h = await startLlmHarness({
    CLARA_LLM_TIMEOUT_MS: String(totalMs),
    CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS: String(firstTokenMs),
  });
  noKey = (await h.server.createWorkspace()).workspaceId;
  await h.server.addPairs(noKey, (await import('../../test/resilience/harness')).pairs);
});
afterAll(async () => {
  await h?.close();
});

const reply = (text: string): FakeBehaviour => ({ type: 'reply', text });
// Enough copies that the SDK's retries all meet the fault.
const faults: Record<string, FakeBehaviour[]> = {
  '429 with Retry-After': Array(4).fill({ type: 'error', status: 429, retryAfter: '1' }),
  '500': Array(4).fill({ type: 'error', status: 500 }),
  'hang past the timeout': [{ type: 'hang' }],
  'hang mid-stream': [{ type: 'reply', text: 'We ship to many places and also ', hangAfter: 3 }],
  'stream cut halfway': [
    { type: 'reply', text: 'We ship to thirty countries including France.', cutAfter: 3 },
  ],
  'stream ended early': [
    { type: 'reply', text: 'We ship to thirty countries including France.', cutAfter: 3, cutMode: 'end' },
  ],
  'malformed JSON in the stream': [
    { type: 'reply', text: 'We ship to thirty countries.', malformedAfter: 2 },
  ],
};

let survived = 0;

describe('provider faults: every turn ends with the extractive answer, stored, process healthy', () => {
  it.each(Object.keys(faults))('%s', async (name) => {
    // One question the model answers (not "Did you mean…?"); each case has its own session.
    const question = 'Do you ship internationally, to France for example?';
    const expected = (await chatJson(h.server.url, newTurn(noKey, randomUUID(), question))).body.message
      .content;
    const requestsBefore = h.fake.requests.length;
    h.fake.script(...(faults[name] as FakeBehaviour[]));
    const body = newTurn(h.workspaceId, randomUUID(), question);
    const { status, events } = await chatSse(h.server.url, body);
    // Drain what the retries did not consume, so the next case starts with an empty script.
    const unused = (faults[name] as FakeBehaviour[]).length - (h.fake.requests.length - requestsBefore);
    for (let i = 0; i < unused; i++) {
      await fetch(`${h.fake.baseURL}/chat/completions`, { method: 'POST', body: '{}' }).then((r) => r.text());
    }
    expect(status).toBe(200);
    const done = doneMessage(events);
    expect(done?.content).toBe(expected);
    expect(shownText(events)).toBe(expected);
    const history = (await fetch(
      `${h.server.url}/api/chat/history?workspace_id=${h.workspaceId}&session_token=${body.session_token}`,
    ).then((r) => r.json())) as { messages: { role: string; content: string }[] };
    expect(history.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(history.messages[1]?.content).toBe(expected);
    const health = await fetch(`${h.server.url}/health`);
    expect(health.status).toBe(200);
    survived++;
  });

  it('a storm: 40 concurrent sessions x 5 turns while the provider fails at random', async () => {
    const all = Object.values(faults).flat();
    const script: FakeBehaviour[] = [];
    for (let i = 0; i < 300; i++)
      script.push(i % 3 === 0 ? reply('Fine answer.') : (all[i % all.length] as FakeBehaviour));
    h.fake.script(...script);
    const llmBefore = h.fake.requests.length;
    const { workspaceId } = await h.addWorkspace();
    const result = await runLoad({
      url: h.server.url,
      workspaceId,
      sessions: 40,
      turns: 5,
      seed: 3,
      chaos: true,
    });
    const audit = await auditStore(h.server.db, workspaceId, result.ledger);
    report('provider-faults', {
      single_faults: survived,
      storm_turns: 200,
      storm_requests: result.requests,
      storm_llm_calls: h.fake.requests.length - llmBefore,
      lost: audit.lost,
    });
    expect(audit.problems.slice(0, 20)).toEqual([]);
    expect(audit.stored).toBe(400);
    expect((await fetch(`${h.server.url}/health`)).status).toBe(200);
    expect(h.server.logs.join('')).toMatch(/language model failed, answering extractively/);
  }, 300_000);

  it('no response or log line of the whole run holds a raw or sealed key, a password hash or the master key', async () => {
    // A careless provider echoing the key in its error message.
    h.fake.script(...Array(4).fill({ type: 'error', status: 401, echoKey: true }));
    const body = newTurn(h.workspaceId, randomUUID(), 'Do you ship to Peru?');
    expect((await chatSse(h.server.url, body)).status).toBe(200);
    const sealed = await h.server.db.query<{ encrypted_key: string }>('SELECT encrypted_key FROM api_keys');
    const hashes = await h.server.db
      .query<{ h: string }>(
        "SELECT encrypted_password AS h FROM auth.users WHERE coalesce(encrypted_password, '') <> ''",
      )
      .catch(() => [] as { h: string }[]);
    const master = h.server.runtime.masterKey;
    const secrets = [
      rawOpenAiKey,
      rawOpenAiKey.slice(8, 30),
      master.toString('hex'),
      master.toString('base64'),
      ...sealed.map((r) => r.encrypted_key),
      ...hashes.map((r) => r.h),
    ];
    const output = [...h.server.logs, ...capturedBodies].join('\n');
    report('secrets', { scanned_chars: output.length, secrets: secrets.length });
    for (const secret of secrets)
      expect(output.includes(secret), `leaked: ${secret.slice(0, 6)}…`).toBe(false);
  });
});
