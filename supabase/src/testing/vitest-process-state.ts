// This package's suites share one process (isolate: false in vitest.config.ts). Opening an embedded
// data directory sets the process umask to 0o077 on purpose (drivers/data-dir-permissions.ts); put
// back the umask the run started with before each file, so a file's permission checks do not pass
// or fail because of a file that ran before it. (Not exported: vitest's setupFiles only.)
const state = globalThis as { claraStartUmask?: number };
if (state.claraStartUmask === undefined) {
  const current = process.umask(0o022);
  process.umask(current);
  state.claraStartUmask = current;
}
process.umask(state.claraStartUmask);

export {};
