/** A greeting or a thanks, which Clara answers briefly without a turn (no session, no gap). */
export type SmallTalkKind = 'greeting' | 'thanks';

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

/**
 * Classifies a whole message as a bare greeting or thanks ("hi!", "Thanks 🙏", "thank you,
 * Clara"); anything with more in it (a question after the "hi") is not small talk.
 */
export function smallTalkOf(text: string): SmallTalkKind | null {
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (words.length === 0 || words.length > 40) return null;
  if (greetings.has(words) || greetings.has(words.replace(/ clara$/, ''))) return 'greeting';
  if (thanks.has(words)) return 'thanks';
  return null;
}

/**
 * Clara's short reply to small talk, in the visitor's words (no "knowledge base"): the greeting
 * gives the assistant's display name when the caller has it.
 */
export function smallTalkReply(kind: SmallTalkKind, displayName?: string): string {
  if (kind === 'thanks') return 'You’re welcome! Ask me anything else any time.';
  const name = displayName?.trim();
  return name ? `Hi! I’m ${name}. What would you like to know?` : 'Hi! What would you like to know?';
}
