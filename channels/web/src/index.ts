export * from './allowed-origins';
export * from './cors';
export * from './create-web-channel';
export * from './feedback';
export * from './parse';
export * from './read-json-body';
export * from './schemas';
export * from './sse';
