export * from './conversation';
export * from './create-slack-channel';
export * from './manifest';
export * from './mrkdwn';
export * from './ports';
export * from './render-reply';
export * from './verify-signature';
