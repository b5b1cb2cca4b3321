/** Time to the first streamed token: through Clara's SSE chat API, and straight from a provider (the baseline). */

export interface SseSample {
  /** ms from sending the request to the first `delta` event (NaN when none came). */
  firstDeltaMs: number;
  /** The `meta` event's mode: "llm" when the language model answered. */
  mode: string | null;
}

async function firstMatch(res: Response, test: (buffer: string) => boolean): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return buffer;
    buffer += decoder.decode(value, { stream: true });
    if (test(buffer)) {
      await reader.cancel();
      return buffer;
    }
  }
}

/** POSTs one chat message with `Accept: text/event-stream` and times the first `delta`. */
export async function timeFirstDelta(url: string, body: Record<string, unknown>): Promise<SseSample> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
  });
  const seen = await firstMatch(res, (b) => b.includes('event: delta'));
  const firstDeltaMs = seen.includes('event: delta') ? performance.now() - t0 : Number.NaN;
  const mode = /event: meta\ndata: (.*)\n/.exec(seen)?.[1];
  return { firstDeltaMs, mode: mode ? ((JSON.parse(mode) as { mode: string | null }).mode ?? null) : null };
}

/** The same question asked of the (fake) provider directly: ms to its first content chunk. */
export async function timeProviderFirstToken(baseURL: string, question: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${baseURL.replace(/\/$/, '')}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] }),
  });
  const seen = await firstMatch(res, (b) => /"content":"[^"]/.test(b));
  return /"content":"[^"]/.test(seen) ? performance.now() - t0 : Number.NaN;
}
