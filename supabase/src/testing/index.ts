export * from './test-database';
export * from './pglite-socket';
export * from './supabase-sim';
