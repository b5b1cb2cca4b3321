export * from './conversation';
export * from './create-slack-channel';
export { textOnlyNotice } from './listeners';
export * from './manifest';
export * from './mrkdwn';
export * from './ports';
export { thinkingText } from './post-answer';
export * from './render-reply';
export * from './verify-signature';
