export * from './cipher';
export * from './load-master-key';
export * from './master-key';
export * from './resolve-master-key';
export * from './rotate';
export * from './staged-key-files';
export * from './vault-error';
