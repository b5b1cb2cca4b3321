export * from './fake-slack-api';
export * from './slack-requests';
