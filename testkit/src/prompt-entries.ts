/** The system prompt of a recorded provider request, in either provider's shape (Anthropic or OpenAI). */
export function systemOf(body: unknown): string {
  const b = body as { system?: string; messages?: { role: string; content: string }[] };
  return b.system ?? b.messages?.find((m) => m.role === 'system')?.content ?? '';
}

/** The number the prompt gave the knowledge-base entry holding `question`. */
export function entryOf(body: unknown, question: string): number {
  const found = new RegExp(`<entry id="(\\d+)">\\nQ: ${question.replace(/[?.]/g, '\\$&')}`).exec(
    systemOf(body),
  );
  if (!found) throw new Error(`no entry for ${question}`);
  return Number(found[1]);
}
