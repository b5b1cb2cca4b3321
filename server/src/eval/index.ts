// `@clara/server/eval`: what `clara eval` runs (CSV readers, the real import, the evaluation and
// its metrics), for the benchmarks in bench/.

// The gap inbox's grouping (bench/retrieval/gap-grouping.ts measures its threshold).
export { groupingKey } from '@clara/core';
export { clusterByLeader, gapGroupSimilarity } from '../admin/gaps/gap-groups';
export * from '../knowledge/import-qa-pairs';
export * from '../knowledge/parse-qa-csv';
export * from './read-queries-csv';
export * from './retrieval-metrics';
export * from './run-eval';
export * from './unmatched-expected';
export * from './visitor-metrics';
