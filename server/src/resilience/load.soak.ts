// Soak: the load suite at the full size (100 sessions x 20 turns, plain and chaotic).
process.env.CLARA_LOAD_SESSIONS ??= '100';
process.env.CLARA_LOAD_TURNS ??= '20';
process.env.CLARA_CHAOS_SESSIONS ??= '100';
await import('./load.test');

export {};
