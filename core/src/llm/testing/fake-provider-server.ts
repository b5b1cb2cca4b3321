import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received, body parsed as JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** What the fake does with one request. Requests take behaviours from the queue in order. */
export type FakeBehaviour =
  | {
      type: 'reply';
      text: string;
      /** Explicit chunks; by default the text is split after each space. */
      chunks?: string[];
      /** Pause between chunks. */
      delayMs?: number;
      /** Before sending chunk number `gateAfter` (0-based), wait for `gate`. */
      gate?: Promise<void>;
      gateAfter?: number;
      /** Stop before chunk `cutAfter`: `destroy` drops the socket, `end` closes the body cleanly. */
      cutAfter?: number;
      cutMode?: 'destroy' | 'end';
      /** Send a frame of broken JSON in place of chunk `malformedAfter`. */
      malformedAfter?: number;
      /** Stop writing (but keep the connection open) before chunk `hangAfter`. */
      hangAfter?: number;
      /**
       * The model's judgement after its text, as the provider sends it (OpenAI: the text and these
       * fields as one JSON document; Anthropic: a `report_answer` tool_use block). Sent verbatim,
       * so a test can send one that is malformed. A function reads the request first (e.g. to
       * find which entry of the prompt holds a pair).
       */
      judgement?: Record<string, unknown> | ((requestBody: unknown) => Record<string, unknown>);
    }
  | {
      type: 'error';
      status: number;
      /** Sent as the Retry-After header, verbatim. */
      retryAfter?: string;
      /** Puts the request's credential header in the error message, as a careless provider would. */
      echoKey?: boolean;
    }
  /** Never answers, not even with headers. */
  | { type: 'hang' };

/** How one provider writes its stream; implemented per provider. */
export interface WireFormat {
  path: string;
  start(model: string): string[];
  delta(text: string): string;
  malformed(): string;
  finish(stopReason?: 'tool_use'): string[];
  /** The reply with a judgement: the text chunks to send as deltas, then frames before `finish`. */
  judged(
    text: string,
    judgement: Record<string, unknown>,
  ): { chunks: string[]; after: string[]; tool: boolean };
  errorBody(status: number, message: string): unknown;
  credential(headers: IncomingHttpHeaders): string;
  /** Other endpoints the provider serves (e.g. OpenAI's `/v1/embeddings`), by path. */
  routes?: Record<string, (body: unknown, res: ServerResponse, failure: FakeBehaviour | undefined) => void>;
}

export interface FakeProviderServer {
  /** The value to pass as the SDK's `baseURL`. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Responses written to the end (the stream's terminator was sent). */
  readonly completed: number;
  /** The credential the provider reads from a recorded request (what an `echoKey` error echoes). */
  credentialOf(request: RecordedRequest): string;
  /** Queues behaviours for the next requests; when the queue is empty the fake replies with `defaultText`. */
  script(...behaviours: FakeBehaviour[]): void;
  /** What every request gets while the queue is empty (instead of replying with `defaultText`). */
  setDefault(behaviour: FakeBehaviour): void;
  /** Queues what the next requests to the other routes (embeddings) get: `error`, `hang`, or `reply` (served normally). */
  scriptRoutes(...behaviours: FakeBehaviour[]): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Splits text after each space (how the fakes stream a reply). */
export const splitWords = (text: string) => text.split(/(?<= )/).filter((c) => c.length > 0);

async function writeReply(
  res: ServerResponse,
  wire: WireFormat,
  model: string,
  b: FakeBehaviour & { type: 'reply' },
  requestBody: unknown,
) {
  // Each frame is awaited until flushed, so a later cut really happens mid-stream.
  const send = (frame: string) => new Promise<void>((resolve) => res.write(frame, () => resolve()));
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const frame of wire.start(model)) await send(frame);
  const report = typeof b.judgement === 'function' ? b.judgement(requestBody) : b.judgement;
  const judged = report ? wire.judged(b.text, report) : null;
  const chunks = judged?.chunks ?? b.chunks ?? splitWords(b.text);
  for (const [i, chunk] of chunks.entries()) {
    if (i === b.cutAfter) {
      if (b.cutMode === 'end') res.end();
      else res.socket?.destroy();
      return false;
    }
    if (i === b.hangAfter) return false;
    if (i === b.gateAfter && b.gate) await b.gate;
    if (res.destroyed) return false;
    await send(i === b.malformedAfter ? wire.malformed() : wire.delta(chunk));
    if (b.delayMs) await sleep(b.delayMs);
  }
  for (const frame of judged?.after ?? []) await send(frame);
  for (const frame of wire.finish(judged?.tool ? 'tool_use' : undefined)) await send(frame);
  res.end();
  return true;
}

/** Starts a fake provider on 127.0.0.1 and a random port. */
export async function startFakeProviderServer(
  wire: WireFormat,
  defaultText = 'Hello from the fake provider.',
): Promise<FakeProviderServer> {
  const queue: FakeBehaviour[] = [];
  const routeQueue: FakeBehaviour[] = [];
  let fallback: FakeBehaviour | null = null;
  const requests: RecordedRequest[] = [];
  let completed = 0;

  const server = createServer(async (req, res) => {
    const raw: Buffer[] = [];
    for await (const part of req) raw.push(part as Buffer);
    const text = Buffer.concat(raw).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
    const route = wire.routes?.[req.url?.split('?')[0] ?? ''];
    if (req.method === 'POST' && route) {
      const failure = routeQueue.shift();
      if (failure?.type === 'hang') return;
      if (failure?.type === 'error') {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (failure.retryAfter !== undefined) headers['retry-after'] = failure.retryAfter;
        res
          .writeHead(failure.status, headers)
          .end(JSON.stringify(wire.errorBody(failure.status, 'Scripted failure')));
        return;
      }
      route(body, res, failure);
      return;
    }
    if (req.method !== 'POST' || req.url?.split('?')[0] !== wire.path) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify(wire.errorBody(404, 'Not found')));
      return;
    }
    const behaviour = queue.shift() ?? fallback ?? { type: 'reply', text: defaultText };
    if (behaviour.type === 'hang') return;
    if (behaviour.type === 'error') {
      const message = behaviour.echoKey
        ? `Incorrect API key provided: ${wire.credential(req.headers)}`
        : 'Scripted failure';
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (behaviour.retryAfter !== undefined) headers['retry-after'] = behaviour.retryAfter;
      res.writeHead(behaviour.status, headers).end(JSON.stringify(wire.errorBody(behaviour.status, message)));
      return;
    }
    const model =
      typeof (body as { model?: unknown })?.model === 'string' ? (body as { model: string }).model : 'fake';
    if (await writeReply(res, wire, model, behaviour, body)) completed++;
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseURL: wire.path.startsWith('/v1/chat') ? `${origin}/v1` : origin,
    requests,
    get completed() {
      return completed;
    },
    credentialOf(request: RecordedRequest) {
      return wire.credential(request.headers);
    },
    script: (...behaviours) => {
      queue.push(...behaviours);
    },
    setDefault: (behaviour) => {
      fallback = behaviour;
    },
    scriptRoutes: (...behaviours) => {
      routeQueue.push(...behaviours);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
