/* biome-ignore-all lint/suspicious/noExplicitAny: stored messages are checked by the assertions */
import { randomUUID } from 'node:crypto';
import { replyIdFor } from '@clara/core';
import type { Database } from '@clara/supabase';
import { chatJson, chatSse, doneMessage, newTurn, seededRandom, type TurnBody } from './chat-driver';
import { pairs, unknownQuestions } from './harness';

/** How the client sends one turn. */
export type Delivery = 'plain' | 'repeat' | 'abort' | 'twice';

export interface SentTurn {
  body: TurnBody;
  delivery: Delivery;
  /** The reply the client was finally given (acknowledged). */
  reply: any;
}

export interface LoadOptions {
  url: string;
  workspaceId: string;
  sessions: number;
  turns: number;
  seed: number;
  /** Picks each turn's delivery; `plain` only when absent. */
  chaos?: boolean;
}

export interface LoadResult {
  ledger: Map<string, SentTurn[]>;
  deliveries: Record<Delivery, number>;
  requests: number;
}

/** JSON with sorted keys (jsonb does not keep key order). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const questions = [
  ...pairs.map((p) => p.question),
  ...unknownQuestions,
  'Tell me about your shipping to Mars',
];

function assertReply(reply: any, body: TurnBody, what: string): any {
  if (!reply || reply.message_id !== replyIdFor(body.message_id)) {
    throw new Error(`${what}: no reply for ${body.message_id}: ${JSON.stringify(reply)?.slice(0, 300)}`);
  }
  return reply;
}

/** Sends one turn the way `delivery` says and returns the reply the client ends up with. */
async function deliver(url: string, body: TurnBody, delivery: Delivery, random: () => number) {
  let requests = 1;
  if (delivery === 'plain') {
    const r = await chatSse(url, body);
    return { reply: assertReply(doneMessage(r.events), body, 'plain'), requests };
  }
  if (delivery === 'repeat') {
    const first = assertReply(doneMessage((await chatSse(url, body)).events), body, 'repeat 1');
    const again = await chatJson(url, body);
    requests++;
    if (canonical(again.body.message) !== canonical(first)) {
      throw new Error(`repeat returned a different reply for ${body.message_id}`);
    }
    return { reply: first, requests };
  }
  if (delivery === 'abort') {
    // Cut after meta or a delta or two: the server still completes and stores the turn.
    await chatSse(url, body, { abortAfter: 1 + Math.floor(random() * 3) });
    const retry = await chatJson(url, body);
    requests++;
    return { reply: assertReply(retry.body.message, body, 'abort retry'), requests };
  }
  const [a, b] = await Promise.all([chatSse(url, body), chatJson(url, body)]);
  requests++;
  const ra = assertReply(doneMessage(a.events), body, 'twice sse');
  const rb = assertReply(b.body.message, body, 'twice json');
  if (canonical(ra) !== canonical(rb)) throw new Error(`twice: two different replies for ${body.message_id}`);
  return { reply: ra, requests };
}

/** `sessions` concurrent visitors, each sending `turns` turns one after the other. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const ledger = new Map<string, SentTurn[]>();
  const deliveries: Record<Delivery, number> = { plain: 0, repeat: 0, abort: 0, twice: 0 };
  let requests = 0;
  const kinds: Delivery[] = ['plain', 'repeat', 'abort', 'twice'];
  await Promise.all(
    Array.from({ length: options.sessions }, async (_, s) => {
      const random = seededRandom(options.seed * 1_000 + s);
      const token = randomUUID();
      const sent: SentTurn[] = [];
      ledger.set(token, sent);
      for (let t = 0; t < options.turns; t++) {
        const question = questions[Math.floor(random() * questions.length)] as string;
        const body = newTurn(options.workspaceId, token, t % 3 ? question : `${question} #${t}`);
        const delivery = options.chaos ? (kinds[Math.floor(random() * kinds.length)] as Delivery) : 'plain';
        deliveries[delivery]++;
        const done = await deliver(options.url, body, delivery, random);
        requests += done.requests;
        sent.push({ body, delivery, reply: done.reply });
      }
    }),
  );
  return { ledger, deliveries, requests };
}

/** What the database holds, compared with what the clients sent and were acknowledged. */
export async function auditStore(db: Database, workspaceId: string, ledger: Map<string, SentTurn[]>) {
  const problems: string[] = [];
  const rows = await db.query<{ session_token: string; messages: any[] }>(
    'SELECT session_token, messages FROM chat_sessions WHERE workspace_id = $1',
    [workspaceId],
  );
  const byToken = new Map(rows.map((r) => [r.session_token, r.messages]));
  let stored = 0;
  let lost = 0;
  const gapQuestions = new Set<string>();
  for (const [token, sent] of ledger) {
    const messages = byToken.get(token) ?? [];
    stored += messages.length;
    const expected = sent.flatMap((t) => [t.body.message_id, replyIdFor(t.body.message_id)]);
    const actual = messages.map((m) => m.message_id);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      lost += expected.filter((id) => !actual.includes(id)).length;
      problems.push(`session ${token}: expected ${expected.length} messages in order, got ${actual.length}`);
    }
    for (const [i, turn] of sent.entries()) {
      const user = messages[2 * i];
      const reply = messages[2 * i + 1];
      if (user?.content !== turn.body.message)
        problems.push(`session ${token} turn ${i}: user content differs`);
      if (canonical(reply) !== canonical(turn.reply)) {
        problems.push(`session ${token} turn ${i}: stored reply differs from the acknowledged one`);
      }
      if (reply?.gap_detected) gapQuestions.add(turn.body.message.toLowerCase());
    }
  }
  // One *open* gap per question: a gap answered by a visitor's pick among "Did you mean…?"
  // suggestions is resolved, and the next visitor asking the same files a new one.
  const gaps = await db.query<{ q: string; n: number }>(
    `SELECT lower(question) AS q, count(*) FILTER (WHERE status = 'open')::int AS n
     FROM qa_gaps WHERE workspace_id = $1 GROUP BY 1`,
    [workspaceId],
  );
  for (const g of gaps) if (g.n > 1) problems.push(`gap "${g.q}" open ${g.n} times`);
  const stored_gaps = new Set(gaps.map((g) => g.q));
  for (const q of gapQuestions) if (!stored_gaps.has(q)) problems.push(`gap "${q}" missing`);
  for (const q of stored_gaps)
    if (!gapQuestions.has(q)) problems.push(`gap "${q}" stored but never reported`);
  return { problems, stored, lost, sessions: rows.length, gaps: gaps.length };
}
