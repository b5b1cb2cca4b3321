import { smallTalkOf, smallTalkReply } from '../channels/small-talk';
import { clarifyAnswerOf } from '../channels/small-talk-clarify';
import type { ChatMessage } from '../schemas/chat-message';
import type { WorkspaceSettings } from '../schemas/settings';
import { hasContentWord } from '../text/content-words';
import { hasNoKnownWord } from '../text/known-words';
import type { ComposedReply, ReplyEvent } from './compose-reply';

/** Said to a "yes" when the "Did you mean…?" reply offered several questions (its chips stay). */
export const pickOneReply = 'Which one? Please pick one of the questions above.';
/** Said to a "no" after a "Did you mean…?" reply. */
export const rephraseReply = 'No problem. Could you say a little more about what you are looking for?';
/** Said to keyboard mash ("asdfgh"): no word of it is known, nor held by the knowledge base. */
export const notCaughtReply = 'Sorry, I didn’t catch that — could you rephrase your question?';

export interface SmallTalkContext {
  question: string;
  settings: WorkspaceSettings;
  /** The session's messages before this one. */
  history: readonly ChatMessage[];
  replyId: string;
  now: () => Date;
  emit: (event: ReplyEvent) => void;
  /** Whether the workspace answers with a language model (its default key resolves). */
  hasModel: () => Promise<boolean>;
  /** Whether the knowledge base holds a word of the text (`mentionsKnowledge`). */
  mentionsKnowledge: (text: string) => Promise<boolean>;
  /**
   * The ordinary reply: `question` in place of the message (the one question a "Did you mean…?"
   * offered, picked by a "yes"), or the message as a follow-up the model reads with the history,
   * `withoutModel` answering when no model writes.
   */
  compose: (options: {
    question?: string;
    followUp?: { search: string; withoutModel: () => ComposedReply };
  }) => Promise<ComposedReply>;
}

/**
 * Small talk ("hi", "thanks!", "yes", "no", "ok cool", "help", "???", "no thanks", "what?":
 * `smallTalkOf`) is answered briefly, inviting the question with the workspace's suggested
 * questions as chips (none after a thanks or a close), and is not a knowledge gap: no retrieval,
 * no model, no inbox item. A "what?" or "why?" after a reply asks the visitor to rephrase (as a
 * first message it is a call for help). The conversation can give an acknowledgement a meaning: a
 * "yes" to a "Did you mean this question?" with one question picks it, as its chip would; with a
 * language model and an earlier reply, a "yes please", "is it ok?", "not yet" or "why?" goes to
 * the model with the history. Greetings, thanks and closes never do. Keyboard mash ("asdfgh": no
 * known word, none the knowledge base holds) is asked to be rephrased, never a gap. Null when the
 * message is anything more than small talk.
 */
export async function smallTalkTurn(ctx: SmallTalkContext): Promise<ComposedReply | null> {
  const last = ctx.history.at(-1);
  const offered =
    last?.role === 'assistant' && last.reply_kind === 'clarify' ? (last.suggestion_chips ?? []) : null;
  const answer = offered ? clarifyAnswerOf(ctx.question) : null;
  const [only] = offered ?? [];
  if (answer === 'yes' && offered?.length === 1 && only) return ctx.compose({ question: only });
  const kind = smallTalkOf(ctx.question);
  const starters = ctx.settings.suggested_messages.slice(0, ctx.settings.max_suggestion_chips);
  if (!kind && !answer) {
    const mash = hasNoKnownWord(ctx.question) && !(await ctx.mentionsKnowledge(ctx.question));
    return mash ? reply(ctx, notCaughtReply, starters) : null;
  }
  const answeredBefore = ctx.history.some((m) => m.role === 'assistant');
  const plain = (): ComposedReply => {
    // Still "Did you mean…?": a chip picked next is the visitor's choice for the first question.
    if (answer === 'yes') return reply(ctx, pickOneReply, offered ?? [], 'clarify');
    if (answer === 'no') return reply(ctx, rephraseReply, []);
    // "what?" with nothing said before asks what Clara can do.
    const k = kind === 'unclear' && !answeredBefore ? 'help' : (kind ?? 'acknowledgement');
    const chips = k === 'thanks' || k === 'closing' ? [] : starters;
    return reply(ctx, smallTalkReply(k, ctx.settings.display_name), chips);
  };
  if (kind === 'greeting' || kind === 'thanks' || kind === 'closing') return plain();
  if (answeredBefore && (await ctx.hasModel()))
    return ctx.compose({
      followUp: { search: withLastQuestion(ctx.history, ctx.question), withoutModel: plain },
    });
  return plain();
}

/** The visitor's last message with a content word, then this one: what a follow-up is about. */
function withLastQuestion(history: readonly ChatMessage[], question: string): string {
  const asked = history.findLast((m) => m.role === 'user' && hasContentWord(m.content));
  return asked ? `${asked.content}\n${question}` : question;
}

function reply(
  ctx: SmallTalkContext,
  content: string,
  chips: readonly string[],
  kind: 'answer' | 'clarify' = 'answer',
): ComposedReply {
  ctx.emit({ type: 'start', mode: 'extractive' });
  ctx.emit({ type: 'delta', text: content });
  return {
    reply: {
      message_id: ctx.replyId,
      role: 'assistant',
      content,
      timestamp: ctx.now().toISOString(),
      suggestion_chips: [...chips],
      gap_detected: false,
      matched_qa_ids: [],
      confidence: 1,
      escalation_offered: false,
      reply_kind: kind,
    },
    gap: null,
    choice: null,
    mode: 'extractive',
  };
}
