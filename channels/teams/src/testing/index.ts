export * from './activities';
export * from './fake-bot-connector';
export * from './fake-bot-identity';
export * from './fake-bot-streams';
