/** One Server-Sent Event as a test client saw it. */
export interface SseEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: event payloads are checked by the assertions
  data: any;
}

/**
 * Reads an SSE response frame by frame as it arrives (Clara's frames are one `event:` and
 * one `data:` JSON line). `onText` sees the raw text too, for leak checks on every body.
 */
export async function* sseFrames(res: Response, onText?: (text: string) => void): AsyncGenerator<SseEvent> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const text = decoder.decode(value, { stream: true });
    onText?.(text);
    buffer += text;
    for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
      const frame = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      yield {
        event: /^event: (.*)$/m.exec(frame)?.[1] ?? '',
        data: JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? 'null'),
      };
    }
  }
}
