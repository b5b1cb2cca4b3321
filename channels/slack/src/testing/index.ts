export * from './fake-slack-api';
export * from './fake-slack-oauth';
export * from './manifest-rules';
export * from './slack-requests';
