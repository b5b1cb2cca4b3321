import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStreamRecorder, type FakeStream, type StreamingPolicy } from './fake-bot-streams';
import { type AfterAccepting, answerAfter, createFaultQueue } from './fake-faults';

/** One activity the bot sent to the fake Bot Connector service. */
export interface ConnectorCall {
  conversationId: string;
  /** Set for `POST /v3/conversations/{id}/activities/{replyToId}` (a reply). */
  replyToId: string | null;
  /** The `Authorization` header the bot sent (`Bearer …`), or null. */
  authorization: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: activities are checked by the tests' assertions
  activity: Record<string, any>;
  /** The HTTP status the fake answered with (201/202 for streaming, 403 when streaming is refused). */
  status: number;
}

/** A local Bot Connector service: the `serviceUrl` of test activities points here. */
export interface FakeBotConnector {
  url: string;
  calls: ConnectorCall[];
  /** Streamed messages by stream id (Teams' streaming protocol, checked as the Bot Connector does). */
  streams: Map<string, FakeStream>;
  /** `teams` (default): streaming in personal chats only; `refuse`: 403 ContentStreamNotAllowed for every stream. */
  streaming: StreamingPolicy;
  /** How long a stream may run before updates are refused (Teams: two minutes). */
  maxStreamMs: number;
  /** The next activity is delivered (recorded, as Teams shows it), then the answer is lost or late. */
  failAfterAccepting(fault: AfterAccepting): void;
  /**
   * The next `times` (default 1) activities of `type` (any type when omitted) are refused with
   * this HTTP status and the Bot Connector's error body (recorded with that status; Teams shows
   * nothing). The SDK retries a 5xx itself, so a lasting outage needs several.
   */
  refuseNext(status: number, options?: { type?: string; times?: number }): void;
  /** Drops the refusals `refuseNext` queued that no activity used yet. */
  stopRefusing(): void;
  /** Resolves with the first call (already received or to come) that matches. */
  waitFor(match: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  close(): Promise<void>;
}

const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the fake on 127.0.0.1; it answers every activity POST with a new activity id. */
export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const waiters: { match: (call: ConnectorCall) => boolean; resolve: (call: ConnectorCall) => void }[] = [];
  let next = 1;
  const faults = createFaultQueue();
  let policy: StreamingPolicy = 'teams';
  let maxStreamMs = 120_000;
  const refusals: { status: number; type: string | undefined }[] = [];
  const recorder = createStreamRecorder(
    () => policy,
    () => maxStreamMs,
  );
  const server = createServer(async (req, res) => {
    const match = activityPath.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
      return;
    }
    const call: ConnectorCall = {
      conversationId: decodeURIComponent(match[1] ?? ''),
      replyToId: match[2] ? decodeURIComponent(match[2]) : null,
      authorization: req.headers.authorization ?? null,
      activity: JSON.parse(await readBody(req)),
      status: 200,
    };
    const refusal = refusals.findIndex((r) => r.type === undefined || r.type === call.activity.type);
    const refused = refusal >= 0 ? refusals.splice(refusal, 1)[0] : undefined;
    const streamed = refused ? undefined : recorder.handle(call.conversationId, call.activity);
    if (streamed) call.status = streamed.status;
    if (refused) call.status = refused.status;
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.match(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
    if (refused) {
      const error = { code: 'ServiceError', message: `The Bot Connector failed (HTTP ${refused.status}).` };
      res.writeHead(refused.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
      return;
    }
    if (streamed) {
      res
        .writeHead(streamed.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(streamed.body));
      return;
    }
    const id = `sent-${next++}`;
    answerAfter(faults.take('activity'), req, () => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    streams: recorder.streams,
    get streaming() {
      return policy;
    },
    set streaming(value) {
      policy = value;
    },
    get maxStreamMs() {
      return maxStreamMs;
    },
    set maxStreamMs(value) {
      maxStreamMs = value;
    },
    failAfterAccepting: (fault) => faults.add('activity', fault),
    refuseNext: (status, options = {}) => {
      for (let i = 0; i < (options.times ?? 1); i++) refusals.push({ status, type: options.type });
    },
    stopRefusing: () => {
      refusals.length = 0;
    },
    waitFor(match, timeoutMs = 5000) {
      const found = calls.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('The fake Bot Connector received no matching activity.')),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
