import { hasNoTopic } from '../text/content-words';

/**
 * A greeting, a thanks, an acknowledgement ("yes", "no", "ok", "ok cool"), a bare call for help
 * ("help", "???"), a polite close ("no thanks", "that's all") or a sign that the last reply was
 * not understood ("what?", "huh?", "why?"), which Clara answers briefly, without the knowledge
 * base and without a gap.
 */
export type SmallTalkKind = 'greeting' | 'thanks' | 'acknowledgement' | 'help' | 'closing' | 'unclear';

const greetings = new Set([
  'hi',
  'hello',
  'hey',
  'hiya',
  'howdy',
  'yo',
  'good morning',
  'good afternoon',
  'good evening',
  'morning',
  'hi there',
  'hello there',
  'hey there',
]);
const thanks = new Set([
  'thanks',
  'thank you',
  'thank you so much',
  'thanks a lot',
  'many thanks',
  'thx',
  'ty',
  'cheers',
  'great thanks',
  'perfect thanks',
  'ok thanks',
  'okay thanks',
  'thanks clara',
  'thank you clara',
  'got it thanks',
]);

const acknowledgements = new Set([
  'cool',
  'great',
  'good',
  'nice',
  'fine',
  'perfect',
  'awesome',
  'got it',
  'i see',
  'understood',
  'makes sense',
  'sounds good',
  'of course',
  'no problem',
  'never mind',
  'nevermind',
  'whatever',
  'same',
  'not sure',
  'i m not sure',
  'i don t know',
  'dunno',
  'no idea',
  'sorry',
  'sorry about that',
  'my bad',
  'oops',
]);
/** The visitor is done: Clara says goodbye rather than asking for the next question. */
const closings = new Set([
  'no thanks',
  'no thank you',
  'no thanks bye',
  'nope thanks',
  'no i m good',
  'no i m fine',
  'i m good',
  'i m good thanks',
  'i m fine thanks',
  'all good',
  'all good thanks',
  'that s all',
  'that s all thanks',
  'that s all thank you',
  'that s it',
  'that s it thanks',
  'that s everything',
  'that is all',
  'that will be all',
  'no that s all',
  'no that s it',
  'nothing else',
  'nothing else thanks',
  'no more questions',
  'bye',
  'bye bye',
  'goodbye',
  'see you',
  'see ya',
]);

/** The visitor did not follow the last reply ("what?", "huh?", "sorry?", "why?"). */
const unclear = new Set([
  'what',
  'what what',
  'huh',
  'eh',
  'pardon',
  'pardon me',
  'come again',
  'sorry what',
  'what do you mean',
  'what does that mean',
  'i don t understand',
  'i don t get it',
  'i m confused',
  'why',
  'why not',
  'how so',
]);

/** Words of a short "ok cool", "cool thanks", "that's great": approval with no topic. */
const pleasantries = new Set(
  'cool great nice perfect awesome excellent brilliant lovely wonderful amazing fantastic super sweet good fine grand neat'.split(
    ' ',
  ),
);
const thanksWords = new Set(['thanks', 'thank', 'thx', 'ty', 'cheers', 'ta']);
/** What may stand beside a pleasantry in one ("ok", "that's", "sounds", "very", "thank you"). */
const pleasantryFillers = new Set(
  'ok okay k yes yeah yep alright right oh ah so very really that s is it sounds looks you much got clara'.split(
    ' ',
  ),
);

/** "ok cool", "cool thanks", "that's great": up to four words, a pleasantry among them, nothing else of substance. */
function pleasantryOf(words: string): 'thanks' | 'acknowledgement' | null {
  const list = words.split(' ');
  if (list.length > 4 || !list.some((w) => pleasantries.has(w))) return null;
  if (!list.every((w) => pleasantries.has(w) || thanksWords.has(w) || pleasantryFillers.has(w))) return null;
  return list.some((w) => thanksWords.has(w)) ? 'thanks' : 'acknowledgement';
}

const helpRequests = new Set([
  'help',
  'help me',
  'help please',
  'please help',
  'please help me',
  'i need help',
  'need help',
  'can you help',
  'can you help me',
  'could you help me',
  'i have a question',
  'i have a few questions',
  'i have some questions',
  'question',
  'a question',
  'quick question',
  'can i ask a question',
  'can i ask you something',
  'anyone there',
  'is anyone there',
  'are you there',
  'you there',
]);

/**
 * Classifies a whole message as small talk: a bare greeting or thanks ("hi!", "Thanks 🙏", "thank
 * you, Clara", "cool thanks"), an acknowledgement ("yes please", "No.", "not really", "ok cool",
 * or any short message with no content word: "is it", "and you?", `hasNoTopic`), a bare call for
 * help ("help", "???", "👀"), a polite close ("no thanks", "that's all", "bye") or a sign the
 * last reply was not understood ("what?", "huh?", "sorry?", "why?"). Anything with a topic in it
 * ("bike", "price?", "why is it closed?", a question after the "hi") is not small talk, nor is a
 * longer sentence of function words ("do I have to be there?").
 */
export function smallTalkOf(text: string): SmallTalkKind | null {
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (words.length > 40) return null;
  // Only punctuation or emoji: the visitor is waiting for Clara to say what it can do.
  if (words.length === 0) return text.trim().length > 0 ? 'help' : null;
  if (greetings.has(words) || greetings.has(words.replace(/ clara$/, ''))) return 'greeting';
  if (thanks.has(words)) return 'thanks';
  if (closings.has(words) || closings.has(words.replace(/ clara$/, ''))) return 'closing';
  // "sorry" alone is an apology; "sorry?" asks to say it again.
  if (unclear.has(words) || (words === 'sorry' && text.includes('?'))) return 'unclear';
  if (helpRequests.has(words) || helpRequests.has(words.replace(/ clara$/, ''))) return 'help';
  if (acknowledgements.has(words) || hasNoTopic(text)) return 'acknowledgement';
  return pleasantryOf(words);
}

/**
 * Clara's short reply to small talk, in the visitor's words (no "knowledge base"): the greeting
 * gives the assistant's display name when the caller has it.
 */
export function smallTalkReply(kind: SmallTalkKind, displayName?: string): string {
  if (kind === 'thanks') return 'You’re welcome! Ask me anything else any time.';
  if (kind === 'closing') return 'No problem — ask any time.';
  if (kind === 'unclear')
    return 'Sorry if that wasn’t clear. Could you rephrase your question, or tell me which part you mean?';
  if (kind === 'acknowledgement') return 'OK. What would you like to know?';
  if (kind === 'help') return 'Happy to help. What would you like to know?';
  const name = displayName?.trim();
  return name ? `Hi! I’m ${name}. What would you like to know?` : 'Hi! What would you like to know?';
}
