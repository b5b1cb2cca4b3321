export * from './allowed-origins';
export * from './create-web-channel';
export * from './feedback';
export * from './parse';
export * from './sse';
