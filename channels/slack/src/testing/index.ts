export * from './fake-slack-api';
export * from './fake-slack-oauth';
export * from './slack-requests';
