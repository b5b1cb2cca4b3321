export * from './key-resolver';
export * from './usage-meter';
