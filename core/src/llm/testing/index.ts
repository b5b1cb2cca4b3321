export * from './banking77';
export * from './fake-anthropic-server';
export * from './fake-openai-server';
export * from './fake-provider-server';
