/** Load generation with autocannon (loopback only, bounded duration), one unique chat message per request. */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * POSTs `/api/chat` JSON bodies for `seconds` over `connections` connections; every request
 * has a fresh message_id and session_token, and a question taken in turn from `questions`.
 */
export async function loadChat(options: {
  url: string;
  workspaceId: string;
  questions: readonly string[];
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(options.url)) throw new Error('load only against 127.0.0.1');
  let i = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/chat',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            workspace_id: options.workspaceId,
            session_token: randomUUID(),
            message_id: randomUUID(),
            message: options.questions[i++ % options.questions.length] ?? 'hello',
          }),
        }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
