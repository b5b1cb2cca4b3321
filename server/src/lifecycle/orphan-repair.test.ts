import { randomUUID } from 'node:crypto';
import { replyIdFor } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server';
import { repairOrphanedTurns } from './orphan-repair';

let server: TestServer;
let workspaceId = '';
beforeAll(async () => {
  server = await startTestServer({ env: { LOG_LEVEL: 'info' } });
  ({ workspaceId } = await server.createWorkspace());
  await server.addPairs(workspaceId, [
    {
      question: 'What are your opening hours?',
      answer: 'We are open 9 to 5, Monday to Saturday.',
      category: 'general',
    },
    { question: 'Do you repair e-bikes?', answer: 'Yes, every make of e-bike.', category: 'general' },
  ]);
});
afterAll(() => server.close());

/** The engine's first step, then the "crash": the question is stored, its reply never is. */
async function crashAfterQuestion(sessionToken: string, message: string): Promise<string> {
  const messageId = randomUUID();
  await server.runtime.store.beginTurn({
    workspaceId,
    sessionToken,
    replyId: replyIdFor(messageId),
    userMessage: {
      message_id: messageId,
      role: 'user',
      content: message,
      timestamp: new Date().toISOString(),
    },
  });
  return messageId;
}

const history = async (sessionToken: string) => {
  const res = await fetch(
    `${server.url}/api/chat/history?workspace_id=${workspaceId}&session_token=${sessionToken}`,
  );
  return ((await res.json()) as { messages: { role: string; message_id: string; content: string }[] })
    .messages;
};

const gapsFor = (question: string) =>
  server.db.query<{ question: string }>(
    'SELECT question FROM qa_gaps WHERE workspace_id = $1 AND question = $2',
    [workspaceId, question],
  );

describe('turns cut by a crash (issue 18 #8)', () => {
  it('are completed: the extractive reply after its question, a gap for what the knowledge base cannot answer', async () => {
    const known = randomUUID();
    const unknown = randomUUID();
    const knownId = await crashAfterQuestion(known, 'What are your opening hours?');
    const unknownId = await crashAfterQuestion(unknown, 'Can I bring my dog to the shop?');
    expect((await history(known)).map((m) => m.role)).toEqual(['user']);

    const result = await repairOrphanedTurns(server.runtime, { before: new Date(Date.now() + 1000) });
    expect(result).toEqual({ repaired: 2, failed: 0 });

    const answered = await history(known);
    expect(answered.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(answered[1]).toMatchObject({
      message_id: replyIdFor(knownId),
      content: 'We are open 9 to 5, Monday to Saturday.',
    });
    const gapped = await history(unknown);
    expect(gapped.map((m) => m.message_id)).toEqual([unknownId, replyIdFor(unknownId)]);
    expect(await gapsFor('Can I bring my dog to the shop?')).toHaveLength(1);

    // Idempotent: nothing left to do, nothing stored twice.
    expect(await repairOrphanedTurns(server.runtime, { before: new Date(Date.now() + 1000) })).toEqual({
      repaired: 0,
      failed: 0,
    });
    expect(await history(known)).toHaveLength(2);
    // A retry of the cut message gets the repair's reply.
    const retry = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspace_id: workspaceId,
        session_token: known,
        message_id: knownId,
        message: 'What are your opening hours?',
      }),
    });
    expect(((await retry.json()) as { message: { message_id: string } }).message.message_id).toBe(
      replyIdFor(knownId),
    );
  });

  it('a next message sent before the repair: the history alternates once repaired, never [user, user, assistant]', async () => {
    const token = randomUUID();
    const cut = await crashAfterQuestion(token, 'Do you repair e-bikes?');
    const next = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspace_id: workspaceId,
        session_token: token,
        message_id: randomUUID(),
        message: 'What are your opening hours?',
      }),
    });
    expect(next.status).toBe(200);
    await repairOrphanedTurns(server.runtime, { before: new Date(Date.now() + 1000) });
    const messages = await history(token);
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(messages[1]?.message_id).toBe(replyIdFor(cut));
    expect(messages[1]?.content).toBe('Yes, every make of e-bike.');
  });

  it('leaves a turn younger than the cut-off alone (it may still be answered elsewhere)', async () => {
    const token = randomUUID();
    await crashAfterQuestion(token, 'Do you repair e-bikes?');
    const result = await repairOrphanedTurns(server.runtime, { before: new Date(Date.now() - 60_000) });
    expect(result.repaired).toBe(0);
    expect((await history(token)).map((m) => m.role)).toEqual(['user']);
  });
});
