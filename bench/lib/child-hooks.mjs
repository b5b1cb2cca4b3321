// Preloaded into Clara child processes by the bench (`node --import`), never shipped:
// on exit it reports the process's peak RSS; on SIGUSR2 it collects garbage (with
// --expose-gc) and reports current memory, both as one line on stderr.
process.on('exit', () => {
  process.stderr.write(`BENCH_MAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
});
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  const mb = (b) => Math.round((b / 1048576) * 10) / 10;
  process.stderr.write(`BENCH_MEMORY ${JSON.stringify({ rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed) })}\n`);
});
