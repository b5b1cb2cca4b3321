import { ClaraError } from '@clara/core';
import { ensureDemo } from '../demo/ensure-demo';
import type { Runtime } from '../runtime';
import { listen } from '../server';
import { out } from './output';

/** Serves until SIGINT/SIGTERM; with `demo`, seeds the demo workspace on first start and prints the login. */
export async function serveCommand(
  runtime: Runtime,
  options: { port?: number; demo: boolean },
): Promise<void> {
  const demo = options.demo ? await ensureDemo(runtime) : null;
  const port = options.port ?? runtime.config.port;
  const running = await listen(runtime, port).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new ClaraError(
        'conflict',
        `port ${port} is already in use: stop the other server or pass --port N (or PORT=N)`,
      );
    if (error.code === 'EACCES')
      throw new ClaraError('forbidden', `no permission to listen on port ${port}: pick a port above 1024`);
    throw error;
  });
  runtime.logger.info({ url: running.url, database: runtime.db.kind }, 'Clara is listening');
  out.text('');
  out.text(`  Clara is running at ${running.url}`);
  out.text(
    `  Database: ${runtime.db.kind === 'pglite' ? `embedded (${runtime.config.dataDir})` : 'Postgres (DATABASE_URL)'}`,
  );
  if (demo) {
    out.text(`  Demo chat:        ${running.url}/demo`);
    out.text(`  Demo workspace:   ${demo.login.workspace_id}`);
    out.text(`  Owner login:      ${demo.login.email} / ${demo.login.password}`);
    if (demo.created) out.text('  (first start: demo workspace and 21 Q&A pairs created)');
  }
  out.text(`  Chat API:         POST ${running.url}/api/chat`);
  out.text(`  Admin:            ${running.url}/admin`);
  out.text('');

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      runtime.logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await running.close();
}
