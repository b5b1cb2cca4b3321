export * from './pglite-socket';
export * from './supabase-sim';
export * from './test-database';
