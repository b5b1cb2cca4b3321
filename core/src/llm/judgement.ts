import { z } from 'zod';

/** The name of the tool (Anthropic) / the JSON schema (OpenAI) the model reports its judgement with. */
export const judgementToolName = 'report_answer';

/** What the model reports besides its text: the entries its reply relies on and whether they answer. */
export const judgementSchema = z.object({
  used_entries: z.array(z.number().int()),
  answered: z.boolean(),
});

/** The model's judgement as it reported it (entry ids as numbered in the prompt, from 1). */
export type ModelJudgement = z.infer<typeof judgementSchema>;

/** The JSON Schema both providers are given (OpenAI strict mode: every property required, no extras). */
export const judgementJsonSchema = {
  type: 'object' as const,
  properties: {
    used_entries: {
      type: 'array',
      items: { type: 'integer' },
      description: 'The ids of the knowledge base entries your reply relies on; empty when none.',
    },
    answered: {
      type: 'boolean',
      description: "True only when those entries answer the visitor's question.",
    },
  },
  required: ['used_entries', 'answered'],
  additionalProperties: false,
};

/** What Clara makes of a judgement, given the pairs that were in the model's context. */
export type JudgementVerdict =
  /** The model answered from these pairs (ids of qa_pairs, in the order it named them). */
  | { kind: 'answered'; qaIds: string[] }
  /** The model says the knowledge base does not answer the question. */
  | { kind: 'not_answered'; qaIds: string[] }
  /** The judgement cannot be believed: its text is not shown and retrieval decides. */
  | { kind: 'untrusted'; reason: 'malformed' | 'unknown_entry' | 'no_entry_used' }
  /** The model gave no judgement (it wrote plain text): retrieval decides, its text stands. */
  | { kind: 'missing' };

/**
 * Checks a judgement against the context it was given: `contextIds[i]` is the pair shown as
 * entry `i + 1`. A claim of an answer with no entry used, or naming an entry that was not in
 * the context, is not trusted.
 */
export function assessJudgement(raw: unknown, contextIds: readonly string[]): JudgementVerdict {
  if (raw === undefined) return { kind: 'missing' };
  const parsed = judgementSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'untrusted', reason: 'malformed' };
  const qaIds: string[] = [];
  for (const entry of parsed.data.used_entries) {
    const id = contextIds[entry - 1];
    if (entry < 1 || id === undefined) return { kind: 'untrusted', reason: 'unknown_entry' };
    if (!qaIds.includes(id)) qaIds.push(id);
  }
  if (!parsed.data.answered) return { kind: 'not_answered', qaIds };
  if (qaIds.length === 0) return { kind: 'untrusted', reason: 'no_entry_used' };
  return { kind: 'answered', qaIds };
}
