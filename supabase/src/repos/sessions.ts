import {
  type AssistantMessage,
  type BeginTurnInput,
  type BeginTurnResult,
  type ChatMessage,
  ClaraError,
  type CompleteTurnInput,
  sameMessageId,
} from '@clara/core';
import type { SqlExecutor } from '../database';
import { insertGap, recordChoice } from './gaps';
import { questionIndexOf } from './orphaned-turns';
import { maxSessionMessages } from './session-limit';

interface LockedSession {
  id: string;
  messages: ChatMessage[];
}

async function lockSession(sql: SqlExecutor, workspaceId: string, sessionId: string): Promise<LockedSession> {
  const [row] = await sql.query<LockedSession>(
    'SELECT id, messages FROM chat_sessions WHERE id = $1 AND workspace_id = $2 FOR UPDATE',
    [sessionId, workspaceId],
  );
  if (!row) throw new ClaraError('not_found', 'The chat session no longer exists.');
  return row;
}

async function append(sql: SqlExecutor, sessionId: string, message: ChatMessage): Promise<void> {
  await sql.query(
    'UPDATE chat_sessions SET messages = messages || jsonb_build_array($2::jsonb) WHERE id = $1',
    [sessionId, JSON.stringify(message)],
  );
}

/** Keeps a session's latest `keep` messages; returns them. */
async function trimOldest(sql: SqlExecutor, sessionId: string, keep: number): Promise<ChatMessage[]> {
  const [row] = await sql.query<{ messages: ChatMessage[] }>(
    `UPDATE chat_sessions SET messages = coalesce((
       SELECT jsonb_agg(t.m ORDER BY t.i) FROM jsonb_array_elements(messages) WITH ORDINALITY AS t(m, i)
       WHERE t.i > jsonb_array_length(messages) - $2), '[]'::jsonb)
     WHERE id = $1 RETURNING messages`,
    [sessionId, keep],
  );
  return row?.messages ?? [];
}

/**
 * Creates the session on its first message, then stores the user message exactly once.
 * Runs inside a transaction: the session row lock serialises repeats of one message.
 */
export async function beginTurn(sql: SqlExecutor, input: BeginTurnInput): Promise<BeginTurnResult> {
  await sql.query(
    `INSERT INTO chat_sessions (workspace_id, session_token, visitor_name, visitor_email, metadata)
     VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (workspace_id, session_token) DO NOTHING`,
    [
      input.workspaceId,
      input.sessionToken,
      input.visitor?.name ?? null,
      input.visitor?.email ?? null,
      JSON.stringify(input.sessionMetadata ?? {}),
    ],
  );
  const [session] = await sql.query<
    LockedSession & { visitor_name: string | null; visitor_email: string | null; channel: string | null }
  >(
    `SELECT id, messages, visitor_name, visitor_email, metadata->>'channel' AS channel FROM chat_sessions
     WHERE workspace_id = $1 AND session_token = $2 FOR UPDATE`,
    [input.workspaceId, input.sessionToken],
  );
  if (!session) throw new ClaraError('internal', 'The chat session could not be created.');

  const existing = session.messages.find((m) => sameMessageId(m.message_id, input.userMessage.message_id));
  if (existing) {
    if (existing.role !== 'user' || existing.content !== input.userMessage.content) {
      throw new ClaraError(
        'idempotency_conflict',
        'This message_id was already used for a different message.',
      );
    }
    const reply = session.messages.find((m) => sameMessageId(m.message_id, input.replyId));
    if (reply) return { kind: 'replay', sessionId: session.id, reply: reply as AssistantMessage };
    return { kind: 'in_flight', sessionId: session.id, startedAt: new Date(existing.timestamp) };
  }

  // A turn adds two messages; the session holds at most maxSessionMessages.
  if (session.messages.length + 2 > maxSessionMessages) {
    if (session.channel === 'slack' || session.channel === 'teams') {
      // A Slack thread or DM, a Teams conversation: it cannot start afresh, so it forgets its oldest.
      session.messages = await trimOldest(sql, session.id, maxSessionMessages - 2);
    } else {
      throw new ClaraError(
        'conversation_full',
        `This conversation has reached its limit of ${maxSessionMessages} messages. Start a new conversation to ask more.`,
      );
    }
  }
  const visitor = input.visitor;
  if ((visitor?.name && !session.visitor_name) || (visitor?.email && !session.visitor_email)) {
    await sql.query(
      `UPDATE chat_sessions SET visitor_name = coalesce(visitor_name, $2), visitor_email = coalesce(visitor_email, $3)
       WHERE id = $1`,
      [session.id, visitor?.name ?? null, visitor?.email ?? null],
    );
  }
  await append(sql, session.id, input.userMessage);
  return {
    kind: 'started',
    sessionId: session.id,
    history: session.messages,
    visitorEmail: session.visitor_email ?? visitor?.email ?? null,
  };
}

/** Stores the reply, files the gap and marks escalation, unless the reply is already stored. */
export async function completeTurn(sql: SqlExecutor, input: CompleteTurnInput): Promise<AssistantMessage> {
  const session = await lockSession(sql, input.workspaceId, input.sessionId);
  const stored = session.messages.find((m) => sameMessageId(m.message_id, input.reply.message_id));
  if (stored) return stored as AssistantMessage;
  // The reply goes right after its question: when a later question was stored meanwhile (a
  // second message sent while this one was answered, or a turn completed after a crash), the
  // history still alternates question, answer.
  const at = questionIndexOf(session.messages, input.reply.message_id);
  if (at >= 0 && at < session.messages.length - 1) {
    await sql.query(
      'UPDATE chat_sessions SET messages = jsonb_insert(messages, ARRAY[$3::text], $2::jsonb, true) WHERE id = $1',
      [session.id, JSON.stringify(input.reply), String(at)],
    );
  } else {
    await append(sql, session.id, input.reply);
  }
  // A question the owner dismissed stays dismissed: the ask is counted on it (`joinDismissed`).
  if (input.gap) await insertGap(sql, input.workspaceId, session.id, input.gap, { joinDismissed: true });
  if (input.choice) await recordChoice(sql, input.workspaceId, input.choice);
  if (input.reply.escalation_offered) {
    await sql.query(
      'UPDATE chat_sessions SET escalated = true, escalated_at = coalesce(escalated_at, now()) WHERE id = $1',
      [session.id],
    );
  }
  return input.reply;
}

export async function findReply(
  sql: SqlExecutor,
  workspaceId: string,
  sessionId: string,
  replyId: string,
): Promise<AssistantMessage | null> {
  const [row] = await sql.query<{ message: AssistantMessage }>(
    `SELECT m AS message FROM chat_sessions s, jsonb_array_elements(s.messages) m
     WHERE s.id = $1 AND s.workspace_id = $2 AND m->>'message_id' = $3`,
    [sessionId, workspaceId, replyId],
  );
  return row?.message ?? null;
}

/** A session's messages in order: the latest `maxSessionMessages` (a session stored before the cap may hold more). */
export async function sessionHistory(
  sql: SqlExecutor,
  workspaceId: string,
  sessionToken: string,
): Promise<ChatMessage[]> {
  const [row] = await sql.query<{ messages: ChatMessage[] }>(
    `SELECT CASE WHEN jsonb_array_length(messages) <= $3 THEN messages ELSE (
       SELECT jsonb_agg(t.m ORDER BY t.i) FROM jsonb_array_elements(messages) WITH ORDINALITY AS t(m, i)
       WHERE t.i > jsonb_array_length(messages) - $3) END AS messages
     FROM chat_sessions WHERE workspace_id = $1 AND session_token = $2`,
    [workspaceId, sessionToken, maxSessionMessages],
  );
  return row?.messages ?? [];
}
