/** The shipped local embedder as a synchronous function (for in-memory benchmark retrieval). */
import {
  defaultLocalParams,
  loadWordVectors,
  makeLocalEmbed,
  mixPairVector,
  pairAnswerWeight,
} from '@clara/core/embedding';
import { answerOf, type Row } from './data';
import { type Retriever, vectorRetriever } from './search';

export function localEmbedSync(): (text: string) => Float32Array {
  return makeLocalEmbed(loadWordVectors(), defaultLocalParams);
}

/** Answer weight of the pair recipe in the bench: `PAIR_ANSWER_WEIGHT` (0 = questions only, the former recipe). */
export const benchAnswerWeight = Number(process.env.PAIR_ANSWER_WEIGHT ?? pairAnswerWeight);

/** The local embedder over BANKING77 rows as the store holds them: question mixed with the intent's answer text. */
export function localPairRetriever(kb: readonly Row[]): Retriever {
  const embed = localEmbedSync();
  return vectorRetriever(
    'local',
    embed,
    kb.map((r) => r.text),
    (text, i) =>
      mixPairVector(
        embed(text),
        benchAnswerWeight > 0 ? embed(answerOf((kb[i] as Row).category)) : undefined,
        benchAnswerWeight,
      ),
  );
}
