import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** PGlite served over the Postgres wire protocol on a loopback port, for `pg` driver tests. */
export interface SocketDatabase {
  pglite: PGlite;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite behind pglite-socket. Every connection shares PGlite's one session; the
 * server's queue keeps an open transaction's statements together, so with `maxConnections`
 * > 1 transactions from several pools run one after another (serialised), never interleaved.
 * Statements outside a transaction may interleave at the message level, so keep each pool
 * that talks to it small (ideally 1).
 */
export async function startSocketDatabase(
  options: { maxConnections?: number; setupSql?: string } = {},
): Promise<SocketDatabase> {
  const pglite = await PGlite.create({ extensions: { vector } });
  if (options.setupSql) await pglite.exec(options.setupSql);
  const server = new PGLiteSocketServer({
    db: pglite,
    port: 0,
    host: '127.0.0.1',
    maxConnections: options.maxConnections ?? 1,
  });
  await server.start();
  const port = (server as unknown as { port: number }).port;
  return {
    pglite,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
