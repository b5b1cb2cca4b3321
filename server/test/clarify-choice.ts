/* biome-ignore-all lint/suspicious/noExplicitAny: test helper; replies are checked by the callers */
import { randomUUID } from 'node:crypto';

/** Questions for `groomerPairs` vaguer than a paraphrase: most get "Did you mean…?". */
export const vagueGroomerQuestions = [
  'do you charge a lot',
  'what do you charge for a wash',
  'is it a lot of money',
  'how expensive are you',
  'is it expensive',
  'how much do you charge',
  'how much is grooming for a big dog?',
  'how much for a labrador?',
  'grooming prices',
  'price?',
  'how long for a poodle?',
  'can i book?',
  'nails?',
  'when can i come?',
];

/**
 * Asks vague questions (each in its own session) until one gets a "Did you mean…?" reply, then
 * picks its first suggested question in the same session: the visitor's choice is recorded.
 * Tolerates the engine's tuning: whichever question is clarified today is used.
 */
export async function recordAChoice(
  baseUrl: string,
  workspaceId: string,
  skip: readonly string[] = [],
): Promise<{ question: string; chosen: string; answer: any }> {
  const ask = async (message: string, session: string) => {
    const res = await fetch(`${baseUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        workspace_id: workspaceId,
        session_token: session,
        message_id: randomUUID(),
        message,
      }),
    });
    return ((await res.json()) as any).message;
  };
  for (const question of vagueGroomerQuestions.filter((q) => !skip.includes(q))) {
    const session = randomUUID();
    const reply = await ask(question, session);
    const chosen = reply.reply_kind === 'clarify' ? reply.suggestion_chips?.[0] : undefined;
    if (!chosen) continue;
    return { question, chosen, answer: await ask(chosen, session) };
  }
  throw new Error('No vague question got a "Did you mean…?" reply.');
}
