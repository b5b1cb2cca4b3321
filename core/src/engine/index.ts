// `@clara/core/engine`: every part of the chat engine, for benchmarks and experiments that
// measure or tune one piece (re-ranking, confidence, answer types, pool features). Product code
// uses the main entry point.
export * from './answer-type';
export * from './calibration-features';
export * from './calibration-model';
export * from './chat-engine';
export * from './chips';
export * from './closed-class';
export * from './confidence';
export * from './extractive-answer';
export * from './pool-features';
export * from './reply-id';
export * from './rerank';
export * from './retrieve';
export * from './turn-types';
