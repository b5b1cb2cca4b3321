export * from './native-postgres';
export * from './pglite-socket';
export * from './supabase-sim';
export * from './test-database';
export * from './wire-database';
