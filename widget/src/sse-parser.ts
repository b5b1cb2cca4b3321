/** One server-sent event: its `event:` name (default "message") and joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An incremental text/event-stream parser. Feed it decoded text in any chunking with
 * `push`; it calls `onEvent` for every complete event. `end` flushes nothing: an event
 * without its closing blank line is dropped, as the spec says.
 */
export function createSseParser(onEvent: (e: SseEvent) => void): { push(chunk: string): void; end(): void } {
  let buf = '';
  let event = '';
  let data: string[] = [];
  let hasData = false;

  const line = (l: string): void => {
    if (l === '') {
      if (hasData) onEvent({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      hasData = false;
      return;
    }
    if (l.charCodeAt(0) === 58) return; // ":" comment / keep-alive
    const i = l.indexOf(':');
    const field = i < 0 ? l : l.slice(0, i);
    let value = i < 0 ? '' : l.slice(i + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') {
      data.push(value);
      hasData = true;
    }
  };

  return {
    push(chunk) {
      buf += chunk;
      for (;;) {
        const m = /\r\n|\r|\n/.exec(buf);
        if (!m) break;
        // A lone "\r" at the very end may be the first half of "\r\n": wait for more.
        if (m[0] === '\r' && m.index === buf.length - 1) break;
        line(buf.slice(0, m.index));
        buf = buf.slice(m.index + m[0].length);
      }
    },
    end() {
      if (buf.endsWith('\r')) line(buf.slice(0, -1));
      buf = '';
      event = '';
      data = [];
      hasData = false;
    },
  };
}
