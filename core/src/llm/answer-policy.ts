import { pairLimits } from '@clara/contract';
import type { ChatMessage } from '../schemas/chat-message';
import type { QaMatch } from '../schemas/qa-pair';
import type { WorkspaceSettings } from '../schemas/settings';
import { detectInjection, type InjectionKind, injectionRefusal } from './injection';
import { assessJudgement, type JudgementVerdict } from './judgement';
import { LlmError } from './llm-error';
import { buildPrompt, type GroundingMode } from './prompt';
import { createReplyCap } from './reply-cap';
import type { LanguageModel } from './types';

/**
 * The longest reply Clara keeps and shows from a model: the longest answer an owner may write
 * (10,000 characters), far above what the 800-token default lets a provider write (about 3,200).
 * A provider or gateway that ignores the token limit is cut off there: reading stops (the request
 * is aborted) and the reply ends at the last sentence end or whole word before the cap with "…"
 * (reply-cap.ts: the last characters before the cap are held back until that is known).
 */
export const maxReplyChars = pairLimits.answer.max;

/** At or above this confidence the curated answer is given as written (or lightly rephrased). */
export const curatedConfidence = 0.92;

/** How this turn is answered. `refuse` is a prompt-injection attempt: no provider is called. */
export type LlmAnswerMode = GroundingMode | 'refuse';

export interface AnswerDecision {
  mode: LlmAnswerMode;
  /** The question is a knowledge gap (below threshold): the engine records it. */
  gap: boolean;
  injection: InjectionKind | null;
}

export interface DecideAnswerInput {
  question: string;
  confidence: number;
  /** The workspace's `confidence_threshold`. */
  threshold: number;
  matches: readonly QaMatch[];
  curatedBand?: number;
}

/**
 * Chooses the answer mode: injection → refuse; no match or below the threshold → gap
 * (honest answer, gap recorded); at or above the curated band → curated; else grounded.
 */
export function decideAnswer(input: DecideAnswerInput): AnswerDecision {
  const injection = detectInjection(input.question);
  if (injection) return { mode: 'refuse', gap: false, injection };
  if (input.matches.length === 0 || input.confidence < input.threshold) {
    return { mode: 'gap', gap: true, injection: null };
  }
  const band = Math.max(input.curatedBand ?? curatedConfidence, input.threshold);
  return { mode: input.confidence >= band ? 'curated' : 'grounded', gap: false, injection: null };
}

/** Whether answering needs a provider at all (a refusal or a verbatim curated answer does not). */
export function needsLanguageModel(decision: AnswerDecision, rephraseCurated = false): boolean {
  if (decision.mode === 'refuse') return false;
  return decision.mode !== 'curated' || rephraseCurated;
}

export interface GenerateAnswerInput {
  /** The workspace's default active key's model; may be null when `needsLanguageModel` is false. */
  model: LanguageModel | null;
  settings: Pick<WorkspaceSettings, 'personality_prompt' | 'display_name'>;
  matches: readonly QaMatch[];
  history: readonly ChatMessage[];
  question: string;
  decision: AnswerDecision;
  /** Let the model lightly rephrase a curated answer instead of returning it verbatim. Default false. */
  rephraseCurated?: boolean;
  maxTokens?: number;
  signal?: AbortSignal;
  /** The reply carries the booking link (escalation offered). */
  offerBooking?: boolean;
  /** "Did you mean…?" questions are shown under the reply (see prompt.ts). */
  suggestionsShown?: boolean;
  /**
   * Asks the model whether the pairs answer (see judgement.ts); called once, after the text, with
   * the judgement checked against the entries that were in its context.
   */
  onJudgement?: ((verdict: JudgementVerdict) => void) | undefined;
}

/**
 * The answer as a stream of text deltas. Fallback contract: whenever this throws an
 * LlmError (no model, timeout, provider error, broken or empty stream, abort) the caller
 * discards any text it got and answers extractively instead. The text is at most
 * `maxReplyChars` long.
 */
export async function* generateAnswer(input: GenerateAnswerInput): AsyncGenerator<string> {
  const { decision } = input;
  if (decision.mode === 'refuse') {
    yield injectionRefusal(input.settings.display_name);
    return;
  }
  const top = input.matches[0];
  if (decision.mode === 'curated' && !input.rephraseCurated && top) {
    yield top.answer;
    return;
  }
  const model = input.model;
  if (!model) {
    throw new LlmError('provider_error', 'No language model is configured.', { provider: null });
  }
  const judge = input.onJudgement;
  const prompt = buildPrompt({ ...input, mode: decision.mode, judge: judge !== undefined });
  const contextIds = input.matches.slice(0, prompt.entries).map((m) => m.id);
  let raw: unknown;
  let text = '';
  const cap = createReplyCap(maxReplyChars);
  for await (const delta of model.stream({
    system: prompt.system,
    messages: prompt.messages,
    maxTokens: input.maxTokens,
    signal: input.signal,
    ...(judge
      ? {
          onJudgement: (report: unknown) => {
            raw = report;
          },
        }
      : {}),
  })) {
    const step = cap.push(delta);
    text += step.text;
    if (step.text) yield step.text;
    // Runaway output: stop reading (the provider request is aborted). No judgement came: the
    // text stands and retrieval decides, as for a model that gives none.
    if (step.capped) break;
  }
  const rest = cap.flush();
  text += rest;
  if (rest) yield rest;
  if (text.trim() === '') {
    throw new LlmError('bad_stream', `${model.provider} returned an empty answer.`, {
      provider: model.provider,
    });
  }
  judge?.(assessJudgement(raw, contextIds));
}
