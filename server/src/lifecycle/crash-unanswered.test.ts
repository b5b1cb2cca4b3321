import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replyIdFor } from '@clara/core';
import { afterAll, describe, expect, it } from 'vitest';
import { chatSse, newTurn } from '../../test/resilience/chat-driver';
import { claraEnv, killHard, runClara, serveClara } from '../../test/resilience/clara-process';

const dataDir = mkdtempSync(join(tmpdir(), 'clara-unanswered-'));
// An OpenAI that accepts every request and never answers: each turn is mid-answer when the kill comes.
let received = 0;
const provider = createServer(() => {
  received++;
});
afterAll(() => {
  provider.closeAllConnections();
  provider.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 with 30 streamed turns, those waiting on the model cut (issue 18 #8)', () => {
  it('after the restart every session has the reply to every question, question and answer alternating', async () => {
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const env = claraEnv(dataDir, {
      OPENAI_BASE_URL: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`,
      CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS: '120000',
      CLARA_LLM_TIMEOUT_MS: '120000',
      // All 30 turns at once (none waits for a slot behind the ones held by the model).
      CLARA_CHAT_CONCURRENCY: '64',
    });
    const created = await runClara(
      ['workspace', 'create', '--email', 'crash@example.com', '--password', 'a long password'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const workspaceId = JSON.parse(created.stdout).workspace_id as string;
    const csv = join(dataDir, 'kb.csv');
    writeFileSync(
      csv,
      'question,answer\nWhat are your opening hours?,We are open 9 to 5.\nDo you repair e-bikes?,"Yes, every make."\n',
    );
    const imported = await runClara(['import', csv, '--workspace', workspaceId], env);
    expect(imported.code, imported.stderr).toBe(0);
    const key = await runClara(
      [
        'keys',
        'add',
        '--workspace',
        workspaceId,
        '--provider',
        'openai',
        '--model',
        'gpt-4o-mini',
        '--key',
        'sk-test-hanging-0000',
        '--default',
      ],
      env,
    );
    expect(key.code, key.stderr).toBe(0);

    const first = await serveClara(env);
    // Questions the model may be asked about (which ones the engine sends to it is its business):
    // those wait on the provider forever, the others are answered at once.
    const questions = [
      'when do you open in the morning?',
      'can I bring my dog along?',
      'what is the meaning of life?',
      'do you sell gift cards for birthdays?',
      'is there parking near the shop?',
    ];
    const turns = Array.from({ length: 30 }, (_, i) =>
      newTurn(workspaceId, randomUUID(), questions[i % questions.length] as string),
    );
    const streams = turns.map((body) => chatSse(first.url, body, { timeoutMs: 60_000 }).catch(() => null));
    // Every turn has started once the provider has seen no new request for 3 s.
    const deadline = Date.now() + 60_000;
    let seen = -1;
    while (Date.now() < deadline && (received === 0 || received !== seen)) {
      seen = received;
      await new Promise((r) => setTimeout(r, 3000));
    }
    await killHard(first.child, first.exited);
    await Promise.all(streams);
    // Counted once the first server is gone: a turn that reached the provider late (a busy
    // machine can pause for over 3 s) is still one the killed server had in flight.
    const inFlight = received;
    expect(inFlight).toBeGreaterThanOrEqual(6);

    const second = await serveClara(env);
    try {
      let unanswered = 0;
      for (const body of turns) {
        const res = await fetch(
          `${second.url}/api/chat/history?workspace_id=${workspaceId}&session_token=${body.session_token}`,
        );
        const { messages } = (await res.json()) as { messages: { role: string; message_id: string }[] };
        if (
          messages.map((m) => m.message_id).join() !== [body.message_id, replyIdFor(body.message_id)].join()
        )
          unanswered++;
      }
      expect(unanswered).toBe(0);
      // No new model call was made for them: the repair answers extractively.
      expect(received).toBe(inFlight);
    } finally {
      await killHard(second.child, second.exited);
    }
  }, 300_000);
});
