export * from './activities';
export * from './fake-bot-connector';
export * from './fake-bot-identity';
