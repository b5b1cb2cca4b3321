import { decideAnswer, generateAnswer, needsLanguageModel } from '../llm/answer-policy';
import { decideEscalation } from '../llm/escalation';
import { injectionRefusal } from '../llm/injection';
import type { JudgementVerdict } from '../llm/judgement';
import { isLlmError } from '../llm/llm-error';
import type { LanguageModel } from '../llm/types';
import type { ChatStore, ChoiceInput, Embedder, GapInput } from '../ports';
import type { AssistantMessage, ChatMessage, ReplyKind } from '../schemas/chat-message';
import type { WorkspaceSettings } from '../schemas/settings';
import { hasNoTopic } from '../text/content-words';
import { offeredIds, ownersQuestions, pickChips } from './chips';
import { findChoice } from './choice';
import { confidenceOf, searchCount, searchThreshold } from './confidence';
import { extractiveReply, type GapContact } from './extractive-answer';
import { judgedOutcome, type ReplyOutcome } from './judged-outcome';
import type { EngineLogger, LanguageModelResolver, LlmUsageMeter } from './llm-ports';
import { usableCandidates } from './phrasing-filter';
import { rankMatches, rerankPool } from './rerank';
import { resolveModel } from './resolve-model';
import { type KnowledgeIndexResolver, retrieve } from './retrieve';
import type { AnswerMode } from './turn-types';

/** What the composer reports while it writes: the mode once known, text as it comes, and resets. */
export type ReplyEvent =
  | { type: 'start'; mode: AnswerMode }
  | { type: 'delta'; text: string }
  | { type: 'reset'; mode: AnswerMode };

export interface ComposerDeps {
  store: Pick<ChatStore, 'search' | 'phrasingTargets'>;
  embedder: Embedder;
  models?: LanguageModelResolver | undefined;
  usage?: LlmUsageMeter | undefined;
  logger?: EngineLogger | undefined;
  /** Workspaces searched with another embedder's vectors (OpenAI's, with an OpenAI key). */
  indexes?: KnowledgeIndexResolver | undefined;
  now: () => Date;
}

export interface ComposeInput {
  workspaceId: string;
  settings: WorkspaceSettings;
  question: string;
  replyId: string;
  /** The session's messages before this question. */
  history: readonly ChatMessage[];
  /** The visitor's email when the host page identified them: a gap reply may say the team has it. */
  contact?: GapContact | null | undefined;
  signal?: AbortSignal | undefined;
  emit: (event: ReplyEvent) => void;
  /**
   * A topic-less follow-up ("yes please") that only the conversation gives a meaning: searched as
   * `search`, never a gap, answered by `withoutModel` when no model writes (none, cap, failure).
   */
  followUp?: { search: string; withoutModel: () => ComposedReply } | undefined;
  /** Searched in place of `question`: a short follow-up with the previous question's words (no model). */
  search?: string | undefined;
}

export interface ComposedReply {
  reply: AssistantMessage;
  gap: GapInput | null;
  /** The visitor picked a question a "Did you mean…?" reply offered: the gap it filed is answered. */
  choice: ChoiceInput | null;
  mode: AnswerMode;
}

/**
 * Below the threshold, a reply is "Did you mean…?" (clarify) when the top pair's confidence is
 * at least this: the closest questions are plausible. Below it nothing is (the honest fallback).
 */
export const clarifyFloor = 0.2;
/**
 * Asked for a person with no link to offer, the closest pair is shown as a chip only at this
 * confidence or more: a way to reach the business (a phone number). Below it the closest pair is
 * about something else (on the test knowledge bases: unrelated ones 0.07–0.30, contact ones 0.6–0.76).
 */
const handoffChipFloor = 0.5;
/** Both ways, this share of the words must match for a question to count as the pair's own (curated, no model). */
const verbatimCover = 0.9;
// Chips of a fallback reply: only pairs at least this similar (keeps unrelated ones out).
const chipFloor = 0.15;

/**
 * Writes one reply: retrieval → confidence → answer policy → escalation → the language
 * model's streamed answer, or the extractive answer when there is no model, the daily cap
 * is reached, or the provider fails (a `reset` is emitted if text was already sent).
 */
export async function composeReply(deps: ComposerDeps, input: ComposeInput): Promise<ComposedReply> {
  const { settings, question, workspaceId, emit, followUp } = input;
  const count = Math.max(rerankPool, searchCount + settings.max_suggestion_chips + 1);
  // Twice as many, so that phrasings left out still leave a full pool of the owner's pairs.
  const searched = followUp?.search ?? input.search ?? question;
  const { candidates: found } = await retrieve(deps, workspaceId, searched, {
    threshold: searchThreshold,
    count: 2 * count,
  });
  // A visitor's wording kept as a phrasing answers that wording; a chip shows the owner's question.
  const phrasings =
    (await deps.store.phrasingTargets?.(
      workspaceId,
      found.map((m) => m.id),
    )) ?? new Map();
  const candidates = usableCandidates(found, phrasings, searched, count);
  // The candidates re-ranked together (word alignment and coverage); the margin reads all of them.
  let ranked = rankMatches(candidates, searched, searchThreshold);
  // The visitor picked a question that the last "Did you mean…?" offered: that pair answers.
  const chosen = findChoice(input.history, question, ranked);
  if (chosen) ranked = [chosen.match, ...ranked.filter((m) => m.id !== chosen.match.id)];
  const matches = ranked.slice(0, searchCount);
  const top = matches[0] ?? null;
  // A short message with no content word ("no", "is it") matches pairs on function words only: never confident.
  const confidence = chosen ? 1 : hasNoTopic(question) ? 0 : confidenceOf(ranked);
  // The owner's answer is given as written (no model) only when the visitor asked the owner's own
  // question; a paraphrase ("Do you ship to France?") is answered by the model from the pair.
  const verbatim =
    chosen !== null || (top !== null && top.exact >= verbatimCover && top.reverseExact >= verbatimCover);
  const decision = decideAnswer({
    question,
    confidence,
    threshold: settings.confidence_threshold,
    matches,
    ...(verbatim ? {} : { curatedBand: Number.POSITIVE_INFINITY }),
  });
  const refused = decision.mode === 'refuse';
  const escalation = refused
    ? { offer: false, reason: null }
    : decideEscalation({ settings, message: question, history: input.history, currentGap: decision.gap });
  // "Can I talk to someone?" is answered by the booking link, not filed as a knowledge gap.
  const asked = escalation.offer && escalation.reason !== 'repeated_gaps';
  const gap = decision.gap && !asked;
  // Asked for a person, a call, a demo or a quote, link or not: flagged for the owner (`asked_for_person`).
  const requested = escalation.reason !== null && escalation.reason !== 'repeated_gaps';
  // Asked for a person or a call with no link to offer (escalation off, or no booking URL): an
  // honest "cannot book here" filed as a gap, not "Did you mean…?" questions on other topics.
  const unbookable =
    decision.gap &&
    !refused &&
    !escalation.offer &&
    (escalation.reason === 'human' || escalation.reason === 'call');
  const clarify = decision.gap && !asked && !unbookable && !refused && confidence >= clarifyFloor;
  // A phrasing stands in the chip pool for the pair it phrases, at its own rank.
  const chipPool = ownersQuestions(ranked, phrasings);
  const chipsFor = (answered: boolean, answeredBy: typeof top) =>
    pickChips(clarify || answered ? chipPool : chipPool.filter((m) => m.similarity > chipFloor), {
      max: settings.max_suggestion_chips,
      answered: answered ? answeredBy : null,
      asked: question,
    });
  // Unbookable: the closest pair when it is close, else pairs whose answer gives a way to reach the
  // business (a phone number, an email: the contact kind "talk to", "call" ask for).
  const reach = chipPool.filter((m) => m.kind > 0);
  let chips = unbookable
    ? confidence >= handoffChipFloor
      ? chipsFor(false, null).slice(0, 1)
      : pickChips(reach, { max: Math.min(2, settings.max_suggestion_chips), answered: null, asked: question })
    : chipsFor(!decision.gap, top);
  // The booking link offered to a visitor who asked for a person is the answer (no gap), from no pair.
  const handoff = asked && decision.gap;
  const kind: ReplyKind =
    !decision.gap || handoff ? 'answer' : clarify && chips.length > 0 ? 'clarify' : 'gap';
  const retrieval: ReplyOutcome = handoff
    ? { gap, kind, matchedIds: [], answered: null }
    : { gap, kind, matchedIds: matches.map((m) => m.id), answered: top };
  let outcome = retrieval;

  const extractive = (): string =>
    refused
      ? injectionRefusal(settings.display_name)
      : extractiveReply({
          top,
          gap: decision.gap,
          handoff,
          unbookable,
          clarify: kind === 'clarify',
          chipCount: chips.length,
          offerBooking: escalation.offer,
          ownText: settings.gap_reply,
          contact: input.contact,
        });

  let mode: AnswerMode = 'extractive';
  let content: string | null = null;
  // A "Did you mean…?" reply goes to the model too: it may see that one of the pairs answers.
  const wantsModel =
    !refused && !chosen && !(asked && decision.gap) && !unbookable && needsLanguageModel(decision);
  const model = wantsModel ? await resolveModel(deps, workspaceId) : null;
  if (model) {
    const day = deps.now().toISOString().slice(0, 10);
    if (!deps.usage || (await deps.usage.tryConsume(workspaceId, day, settings.llm_daily_cap))) {
      const written = await streamFromModel(deps, input, model, {
        decision,
        matches,
        offerBooking: escalation.offer,
        suggestionsShown: kind === 'clarify',
      });
      if (written === null) await deps.usage?.release(workspaceId, day);
      else if (written.verdict.kind === 'untrusted') {
        // Text the pairs may not support is not shown: the extractive reply replaces it.
        deps.logger?.warn(
          { workspace_id: workspaceId, reason: written.verdict.reason },
          'language model judgement not trusted, answering extractively',
        );
        emit({ type: 'reset', mode: 'extractive' });
      } else {
        content = written.text;
        mode = 'llm';
        outcome = judgedOutcome(written.verdict, retrieval, ranked, asked);
        const usedFirst = ranked.find((m) => m.id === outcome.matchedIds[0]) ?? null;
        if (outcome !== retrieval) chips = chipsFor(!outcome.gap, outcome.gap ? null : usedFirst);
      }
    } else {
      deps.logger?.info({ workspace_id: workspaceId, cap: settings.llm_daily_cap }, 'llm daily cap reached');
    }
  }
  if (content === null && followUp) return followUp.withoutModel();
  if (content === null) {
    content = extractive();
    emit({ type: 'start', mode });
    emit({ type: 'delta', text: content });
  }

  const reply: AssistantMessage = {
    message_id: input.replyId,
    role: 'assistant',
    content,
    timestamp: deps.now().toISOString(),
    suggestion_chips: chips,
    gap_detected: outcome.gap && !followUp,
    matched_qa_ids: outcome.matchedIds,
    confidence: Math.round(confidence * 10_000) / 10_000,
    escalation_offered: escalation.offer,
    reply_kind: refused ? 'gap' : outcome.kind,
    ...(requested ? { asked_for_person: true } : {}),
  };
  // The seed's best_match: the re-ranked top match, else the nearest candidate below the threshold
  // (however unrelated). What the inbox may offer in one click is only what the visitor was offered.
  const best = top ?? candidates[0] ?? null;
  const offered = outcome.kind === 'clarify' && !refused ? offeredIds(chips, chipPool) : [];
  return {
    reply,
    mode,
    choice: chosen ? { question: chosen.question, qaId: chosen.match.id } : null,
    gap:
      outcome.gap && !followUp
        ? {
            question,
            aiAnswer: content,
            bestMatchId: best?.id ?? null,
            similarityScore: best ? best.similarity : null,
            offeredQaIds: offered,
          }
        : null,
  };
}

/**
 * Streams the model's answer to `emit`; the full text, or null after a failure (logged
 * with LlmError.toLog() only, so no key material reaches the log).
 */
async function streamFromModel(
  deps: ComposerDeps,
  input: ComposeInput,
  model: LanguageModel,
  answer: Pick<
    Parameters<typeof generateAnswer>[0],
    'decision' | 'matches' | 'offerBooking' | 'suggestionsShown'
  >,
): Promise<{ text: string; verdict: JudgementVerdict } | null> {
  let text = '';
  let verdict: JudgementVerdict = { kind: 'missing' };
  try {
    for await (const delta of generateAnswer({
      model,
      settings: input.settings,
      history: input.history,
      question: input.question,
      signal: input.signal,
      ...answer,
      onJudgement: (v) => {
        verdict = v;
      },
    })) {
      if (text === '') input.emit({ type: 'start', mode: 'llm' });
      text += delta;
      input.emit({ type: 'delta', text: delta });
    }
    return { text, verdict };
  } catch (error) {
    if (!isLlmError(error)) throw error;
    // An open circuit breaker was logged once when it opened, not on every turn it skips.
    if (error.code !== 'circuit_open')
      deps.logger?.warn(
        { workspace_id: input.workspaceId, llm: error.toLog() },
        'language model failed, answering extractively',
      );
    if (text !== '') input.emit({ type: 'reset', mode: 'extractive' });
    return null;
  }
}
