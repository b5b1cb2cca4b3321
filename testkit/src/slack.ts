/** Slack's side in tests: a local Slack Web API (with OAuth and streaming) speaking its wire protocol. */
export * from './fake-slack-api';
export * from './fake-slack-oauth';
