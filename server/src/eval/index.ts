// `@clara/server/eval`: what `clara eval` runs (CSV readers, the real import, the evaluation and
// its metrics), for the benchmarks in bench/.
export * from '../knowledge/import-qa-pairs';
export * from '../knowledge/parse-qa-csv';
export * from './read-queries-csv';
export * from './retrieval-metrics';
export * from './run-eval';
export * from './visitor-metrics';
