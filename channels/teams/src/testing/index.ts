export * from './activities';
export * from './decode-png';
export * from './fake-bot-connector';
export * from './fake-bot-identity';
export * from './fake-bot-streams';
export * from './read-zip';
export * from './teams-manifest-rules';
