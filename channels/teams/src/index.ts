export * from './activity-schema';
export * from './authentication';
export * from './create-teams-channel';
export * from './keys';
export * from './ports';
export * from './render-reply';
export * from './send-followup';
export * from './verify-bot';
