import { readWords, spelledAlike } from '../embedding/word-match';
import { rerankPool } from './rerank';
import { type RetrieveDeps, retrieve } from './retrieve';

/**
 * Whether the knowledge base holds a word of `text`: one of the closest pairs (any similarity)
 * has it in its question or answer, spelled alike (same stem, a shared long prefix, one typo).
 * Tells a product or brand name the vocabulary does not know ("Bravecto") from keyboard mash.
 */
export async function mentionsKnowledge(
  deps: RetrieveDeps,
  workspaceId: string,
  text: string,
): Promise<boolean> {
  const asked = readWords(text);
  if (asked.length === 0) return false;
  const { candidates } = await retrieve(deps, workspaceId, text, { threshold: -1, count: rerankPool });
  return candidates.some((pair) => {
    const held = readWords(`${pair.question}\n${pair.answer}`);
    return asked.some((a) => held.some((h) => spelledAlike(a, h)));
  });
}
