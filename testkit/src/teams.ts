/** Teams' side in tests: a local Bot Connector (with streaming), the bot identity service and activities. */
export * from './fake-bot-connector';
export * from './fake-bot-identity';
export * from './fake-bot-streams';
export * from './teams-activities';
