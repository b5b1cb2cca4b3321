/** Light, deterministic perturbations of questions, to grow BANKING77 to large knowledge bases. */
import { rng } from '../retrieval/data';

const prefixes = [
  '',
  'Hi, ',
  'Hello, ',
  'Quick question: ',
  'Please help: ',
  'Hey, ',
  'Excuse me, ',
  'Sorry, ',
  'Urgent: ',
  'One more thing: ',
];
const suffixes = [
  '',
  ' Thanks.',
  ' Thank you!',
  ' please',
  ' asap',
  ' Cheers.',
  ' Any ideas?',
  ' Help!',
  ' thx',
  ' Regards.',
];

/**
 * Variant `k` of `question` (k = 0 is the question itself): a greeting prefix and a sign-off
 * suffix chosen by k, plus for odd k one word dropped and for k % 3 = 2 two neighbouring
 * words swapped (positions from a PRNG seeded by k and the text), so variants stay distinct
 * and close to their source.
 */
export function perturb(question: string, k: number): string {
  if (k === 0) return question;
  let seed = k * 7919;
  for (let i = 0; i < question.length; i++) seed = (seed * 31 + question.charCodeAt(i)) >>> 0;
  const r = rng(seed);
  const words = question.split(/\s+/).filter(Boolean);
  if (k % 2 === 1 && words.length > 3) words.splice(Math.floor(r() * words.length), 1);
  if (k % 3 === 2 && words.length > 2) {
    const i = Math.floor(r() * (words.length - 1));
    [words[i], words[i + 1]] = [words[i + 1] ?? '', words[i] ?? ''];
  }
  return `${prefixes[k % prefixes.length]}${words.join(' ')}${suffixes[Math.floor(k / 2) % suffixes.length]} (${k})`;
}
