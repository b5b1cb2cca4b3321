// `@clara/core/embedding`: the embedders and their parts (tokenizer, word vectors, alignment,
// word matching), for benchmarks and experiments. Product code uses the main entry point.
export * from './hashing-embedder';
export * from './lexicon';
export * from './local-embedder';
export * from './openai-embedder';
export * from './pair-embedding';
export * from './sparse-features';
export * from './tokenize';
export * from './word-alignment';
export * from './word-match';
export * from './word-vectors';
