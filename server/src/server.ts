import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createClientErrorHandler } from './http/client-error';
import type { Runtime } from './runtime';

/** How a graceful shutdown ended. */
export interface ShutdownResult {
  /** True when every request and answer finished before the timeout. */
  drained: boolean;
  /** Requests and turns still running when the timeout cut them (0 when drained). */
  abandoned: number;
  ms: number;
}

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops at once, cutting open connections (tests, start-up failures). */
  close(): Promise<void>;
  /**
   * Graceful stop: readiness turns 503, no new connections are accepted, idle keep-alive
   * connections close, and in-flight requests (an SSE answer included) and chat turns get up
   * to `timeoutMs` to finish; whatever is left is then cut. `abort` stops the wait early (a
   * second Ctrl-C). The database stays open: close the runtime afterwards.
   */
  shutdown(options: { timeoutMs: number; abort?: AbortSignal }): Promise<ShutdownResult>;
}

/** Starts the HTTP server on the configured host and port (0 = any free port). */
export async function listen(
  runtime: Runtime,
  port = runtime.config.port,
  host = runtime.config.host,
): Promise<RunningServer> {
  const { lifecycle } = runtime;
  const app = createApp(runtime);
  const handle = app.callback();
  const server = createServer((req, res) => {
    // While draining, each response closes its connection so the client reconnects elsewhere.
    if (lifecycle.draining) res.setHeader('Connection', 'close');
    lifecycle.track(new Promise<void>((resolve) => res.once('close', resolve)));
    void handle(req, res);
  });
  // Slow clients must not hold sockets forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  // What Node's parser refuses (unknown method, headers over 16 KB) still gets the JSON envelope.
  server.on('clientError', createClientErrorHandler(runtime.logger));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost === '0.0.0.0' ? 'localhost' : shownHost}:${address.port}`;
  const closed = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    server,
    url,
    async close() {
      const done = closed();
      server.closeAllConnections();
      await done;
    },
    async shutdown({ timeoutMs, abort }) {
      const started = performance.now();
      lifecycle.drain();
      const done = closed();
      server.closeIdleConnections();
      const drained = await lifecycle.idle(timeoutMs, abort);
      const abandoned = lifecycle.inFlight;
      // Drained: only idle keep-alive connections are left. Timed out: the rest is cut.
      server.closeAllConnections();
      await done;
      return { drained, abandoned, ms: Math.round(performance.now() - started) };
    },
  };
}
