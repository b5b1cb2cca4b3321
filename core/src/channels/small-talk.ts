import { hasNoTopic } from '../text/content-words';

/**
 * A greeting, a thanks, an acknowledgement ("yes", "no", "ok", "not really") or a bare call for
 * help ("help", "???"), which Clara answers briefly, without the knowledge base and without a gap.
 */
export type SmallTalkKind = 'greeting' | 'thanks' | 'acknowledgement' | 'help';

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
  'no thanks',
  'no thank you',
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
]);
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
 * you, Clara"), an acknowledgement ("yes please", "No.", "not really", or any short message with
 * no content word: "is it", "and you?", `hasNoTopic`), or a bare call for help ("help", "???",
 * "👀"). Anything with a topic in it ("bike", "price?", a question after the "hi") is not small
 * talk, nor is a longer sentence of function words ("do I have to be there?").
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
  if (helpRequests.has(words) || helpRequests.has(words.replace(/ clara$/, ''))) return 'help';
  if (acknowledgements.has(words) || hasNoTopic(text)) return 'acknowledgement';
  return null;
}

/**
 * Clara's short reply to small talk, in the visitor's words (no "knowledge base"): the greeting
 * gives the assistant's display name when the caller has it.
 */
export function smallTalkReply(kind: SmallTalkKind, displayName?: string): string {
  if (kind === 'thanks') return 'You’re welcome! Ask me anything else any time.';
  if (kind === 'acknowledgement') return 'OK. What would you like to know?';
  if (kind === 'help') return 'Happy to help. What would you like to know?';
  const name = displayName?.trim();
  return name ? `Hi! I’m ${name}. What would you like to know?` : 'Hi! What would you like to know?';
}
