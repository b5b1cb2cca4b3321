/** The shipped local embedder as a synchronous function (for in-memory benchmark retrieval). */
import { defaultLocalParams, makeLocalEmbed } from '../../core/src/embedding/local-embedder';
import { loadWordVectors } from '../../core/src/embedding/word-vectors';

export function localEmbedSync(): (text: string) => Float32Array {
  return makeLocalEmbed(loadWordVectors(), defaultLocalParams);
}
