import { smallTalkOf } from '../channels/small-talk';
import { stem, tokenize } from '../embedding/tokenize';
import type { ChatMessage } from '../schemas/chat-message';
import { hasContentWord, isContentWord } from '../text/content-words';

/** A follow-up is short: longer messages say what they are about. */
const maxWords = 6;
/** The previous question counts only this recent: a message after a long pause starts afresh. */
const windowMs = 30 * 60_000;
/** How many follow-ups in a row may lean on the same question ("how much is it?", "is that refundable?"). */
const maxHops = 3;
/** Words that point back at what was asked before ("is that refundable?", "how long does it take?"). */
const references = new Set(['it', 'its', 'that', 'this', 'these', 'those', 'they', 'them', 'one', 'ones']);
/** Openings that continue the last question ("and for cats?", "what about saturdays?"). */
const continuations = [['and'], ['also'], ['what', 'about'], ['how', 'about'], ['same']];
const questionWords = new Set(['what', 'when', 'where', 'which', 'who', 'why', 'how']);

/**
 * The message's own topic words, the question phrase aside ("how much", "how long"): "is it open on
 * saturdays?" has two (its "it" is the business), "how long does it take?" one.
 */
function ownTopicWords(words: readonly string[]): number {
  return words.filter((w, i) => isContentWord(w) && !questionWords.has(w) && words[i - 1] !== 'how').length;
}

/**
 * Whether a message is short, names at most one thing of its own and leans on the one before it:
 * a pronoun ("is that refundable?"), or an "and …"/"what about …" ("and for cats?").
 */
export function leansOnContext(message: string): boolean {
  const words = tokenize(message);
  if (words.length === 0 || words.length > maxWords || ownTopicWords(words) > 1) return false;
  if (words.some((w) => references.has(w))) return true;
  return continuations.some((start) => start.every((w, i) => words[i] === w));
}

/**
 * The words of a question that name its topic, those its answer repeats when it has one ("do you
 * run workshops?" answered "Yes, wreath-making workshops…" → "workshops"): what the conversation is
 * about, not what was asked of it.
 */
function topicWords(question: string, reply: ChatMessage | undefined): string[] {
  const words = tokenize(question).filter((w) => isContentWord(w) && !questionWords.has(w));
  if (reply?.role !== 'assistant' || reply.reply_kind !== 'answer') return words;
  const said = new Set(tokenize(reply.content).map(stem));
  const repeated = words.filter((w) => said.has(stem(w)));
  return repeated.length > 0 ? repeated : words;
}

/**
 * The text to search for a short follow-up that leans on the conversation ("how much is it?"
 * after "Do you run workshops?"): the message with the topic words of the visitor's previous
 * question folded in ("how much is it? workshops"), through earlier follow-ups ("is that
 * refundable?" after both) back to the question they lean on. Null (search the message alone) when
 * the message says what it is about, or the question it leans on is missing, small talk,
 * topic-less or older than thirty minutes.
 */
export function followUpSearch(message: string, history: readonly ChatMessage[], now: Date): string | null {
  if (!leansOnContext(message)) return null;
  let after = now.getTime();
  let asked = history;
  for (let hop = 0; hop < maxHops; hop++) {
    const at = asked.findLastIndex((m) => m.role === 'user');
    const previous = asked[at];
    // Small talk ("hi", "thanks") is no question to lean on.
    if (!previous || !hasContentWord(previous.content) || smallTalkOf(previous.content)) return null;
    const time = Date.parse(previous.timestamp);
    if (!(after - time <= windowMs)) return null;
    if (!leansOnContext(previous.content))
      return `${message} ${topicWords(previous.content, asked[at + 1]).join(' ')}`;
    after = time;
    asked = asked.slice(0, at);
  }
  // Only follow-ups as far back as we look: no question says what they are about.
  return null;
}
