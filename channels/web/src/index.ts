export * from './create-web-channel';
export * from './parse';
export * from './read-json-body';
export * from './schemas';
export * from './sse';
export * from './cors';
export * from './allowed-origins';
export * from './feedback';
