export * from './manifest-rules';
export * from './slack-requests';
