import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@clara/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { maxSessionMessages } from './session-limit';
import { beginTurn, sessionHistory } from './sessions';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let workspaceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  workspaceId = (await createWorkspace(db, (await createUser(db, 'limit@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

const message = (i: number): ChatMessage => ({
  message_id: randomUUID(),
  role: i % 2 === 0 ? 'user' : 'assistant',
  content: `message ${i}`,
  timestamp: new Date(2026, 0, 1, 0, 0, i).toISOString(),
});

/** Starts a turn in a session already holding `count` messages; returns the result or the error. */
async function turnAfter(channel: string, count: number) {
  const sessionToken = `${channel}:${randomUUID()}`;
  await db.query(
    `INSERT INTO chat_sessions (workspace_id, session_token, metadata, messages) VALUES ($1, $2, $3::jsonb, $4::jsonb)`,
    [
      workspaceId,
      sessionToken,
      JSON.stringify({ channel }),
      JSON.stringify(Array.from({ length: count }, (_, i) => message(i))),
    ],
  );
  const user = message(count);
  const result = await db
    .transaction((tx) =>
      beginTurn(tx, {
        workspaceId,
        sessionToken,
        userMessage: user,
        replyId: randomUUID(),
        sessionMetadata: { channel },
      }),
    )
    .catch((error: unknown) => error as Error & { code?: string });
  return { result, stored: await sessionHistory(db, workspaceId, sessionToken), user };
}

describe(`a chat session holds at most ${maxSessionMessages} messages`, () => {
  it('a full web session refuses the turn (conversation_full) and stores nothing', async () => {
    const { result, stored } = await turnAfter('web', maxSessionMessages - 1);
    expect(result).toMatchObject({ code: 'conversation_full' });
    expect(stored).toHaveLength(maxSessionMessages - 1);
    expect((await turnAfter('web', maxSessionMessages - 2)).stored).toHaveLength(maxSessionMessages - 1);
  });

  it.each(['slack', 'teams'])(
    'a full %s session forgets its oldest messages and takes the turn',
    async (channel) => {
      const { result, stored, user } = await turnAfter(channel, maxSessionMessages);
      expect(result).toMatchObject({ kind: 'started' });
      expect(stored).toHaveLength(maxSessionMessages - 1);
      expect(stored.at(-1)?.message_id).toBe(user.message_id);
      expect(stored[0]?.content).toBe('message 2');
    },
  );
});
