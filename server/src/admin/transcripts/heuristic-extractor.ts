import type { TranscriptTurn } from './parse-transcript';

/** A Q&A pair proposed from a transcript, before the overlap check. */
export interface ExtractedPair {
  question: string;
  answer: string;
  category: string;
  asked_by: string | null;
  answered_by: string | null;
  /** Transcript line where the asking turn starts, when known. */
  line: number | null;
  /**
   * The category is `guessCategory()`'s guess among the seed's defaults, not a category the model
   * chose (the model's was unusable): mapped to the workspace's own spelling or `general`.
   */
  categoryGuessed?: boolean;
}

const questionStart =
  /^(what|what's|whats|how|how's|when|where|where's|why|who|who's|which|can|could|do|does|did|is|are|was|were|will|would|should|shall|may|might|have|has|am|any)\b/i;
const smallTalk =
  /^(how are you|how's it going|how is it going|how have you been|can you hear me|can everyone hear|can you see my screen|do you see my screen|does that make sense|is that clear|right|you know|okay|ok|yeah|really|sorry|pardon|is that right|are you there|any( other| more)? questions|what else|shall we (start|begin)|should we get started)\b/i;
const leadingFiller =
  /^(?:(?:that's a great question|that's a good question|good question|great question|so|and|but|okay|ok|um+|uh+|well|yeah|yes|sure|right|great|cool|perfect|alright|all right|absolutely)\b[,.!]?\s*)+/i;
// A greeting before the question ("Hi Sam, do you…?", "Hello! Thanks for calling. Do you…?").
const leadingGreeting =
  /^(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|thanks|thank you)(?:(?:\s+[^\s,!.?]+){0,3}\s*[,!.]|\s*[,!.]?(?=\s)))\s*/i;
// Answers keep their "yes" or "no"; only praise for the question and hesitation go.
const answerPraise =
  /^(?:(?:yeah|yes|sure|oh|so|okay|ok)\b[,.!]?\s*)*(?:that's an? |what an? )?(?:great|good|excellent) question\b[,.!]?\s*/i;
const answerFiller = /^(?:(?:um+|uh+|so|well|okay|ok)\b[,.]?\s*)+/i;
const maxAnswerChars = 1500;

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A question sentence: ends in "?", or starts with a question word and does not end like a statement. */
export function isQuestionSentence(sentence: string): boolean {
  const s = sentence.replace(leadingGreeting, '').replace(leadingFiller, '').trim();
  if (words(s) < 3 || smallTalk.test(s)) return false;
  if (s.endsWith('?')) return true;
  return questionStart.test(s) && !/[.!]$/.test(s);
}

function tidyQuestion(sentence: string): string {
  // "My first question: do you…?" keeps the question after the lead-in.
  const tail = sentence.split(/\s*[:;—–]\s+|\s+-\s+/).pop() ?? sentence;
  const core = tail !== sentence && questionStart.test(tail.replace(leadingFiller, '')) ? tail : sentence;
  const s = core
    .replace(leadingGreeting, '')
    .replace(leadingFiller, '')
    .trim()
    .replace(/[.!,;:]+$/, '');
  const q = s.endsWith('?') ? s : `${s}?`;
  return q.charAt(0).toUpperCase() + q.slice(1);
}

function tidyAnswer(text: string): string | null {
  const kept = sentences(text.replace(answerPraise, '').replace(answerFiller, ''));
  // An answer that is only questions back (a clarification) answers nothing.
  if (kept.length === 0 || kept.every((s) => s.endsWith('?'))) return null;
  let answer = '';
  for (const s of kept) {
    if (answer && answer.length + s.length + 1 > maxAnswerChars) break;
    answer = answer ? `${answer} ${s}` : s;
  }
  answer = answer.slice(0, maxAnswerChars).trim();
  if (words(answer) < 3) return null;
  return answer.charAt(0).toUpperCase() + answer.slice(1);
}

const categoryRules: [RegExp, string][] = [
  [
    /\b(price|pricing|cost|costs|pay|paid|plan|plans|discount|invoice|billing|fee|fees|\$|€|£|quote)\b/i,
    'pricing',
  ],
  [/\b(cancel|refund|contract|renew|renewal|churn|downgrade)\b/i, 'retention'],
  [/\b(api|sdk|webhook|integrat\w*|developer|endpoint|sso|saml)\b/i, 'developers'],
  [/\b(compare|compared|versus|vs|competitor|different from|better than)\b/i, 'comparisons'],
  [/\b(case stud\w*|customers like|reference|references|example customer)\b/i, 'case_studies'],
  [/\b(onboard\w*|set ?up|setup|how long|steps|process|implementation|migrat\w*|timeline)\b/i, 'process'],
];

/** The seed's default category a question most likely belongs to (`general` when none fits). */
export function guessCategory(question: string): string {
  return categoryRules.find(([re]) => re.test(question))?.[1] ?? 'general';
}

/**
 * Proposes pairs without a language model: each turn holding a question (its last question
 * sentence) is paired with the next turn by another speaker. Turns without a speaker are skipped:
 * without attribution a question cannot be told from its answer.
 */
export function extractHeuristically(turns: readonly TranscriptTurn[], limit = 50): ExtractedPair[] {
  const out: ExtractedPair[] = [];
  for (let i = 0; i < turns.length && out.length < limit; i++) {
    const turn = turns[i];
    if (!turn?.speaker) continue;
    const question = sentences(turn.text).filter(isQuestionSentence).pop();
    if (!question) continue;
    const reply = turns.slice(i + 1).find((t) => t.speaker && t.speaker !== turn.speaker);
    if (!reply) continue;
    const answer = tidyAnswer(reply.text);
    if (!answer) continue;
    const q = tidyQuestion(question);
    out.push({
      question: q.slice(0, 1000),
      answer,
      category: guessCategory(q),
      asked_by: turn.speaker,
      answered_by: reply.speaker,
      line: turn.line,
    });
  }
  return out;
}
