/** What is left when the stream has ended: the reply text not yielded yet and the parsed document. */
export interface JsonReplyEnd {
  rest: string;
  /** The whole JSON document; undefined when the model wrote plain text or broken JSON. */
  document: unknown;
}

/** Reads a streamed `{"reply": "...", ...}` document, giving the reply's text as it arrives. */
export interface JsonReplyReader {
  /** Takes the next chunk of the model's output; returns the reply text it completes. */
  push(chunk: string): string;
  end(): JsonReplyEnd;
}

const escapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const replyStart = /^\s*\{\s*"reply"\s*:\s*"/;

/**
 * Structured output arrives as JSON text: this decodes the `reply` string while it streams (the
 * schema puts it first), so the visitor sees the answer as it is written and the judgement
 * fields after it are parsed at the end. Output that does not start with `{` is plain text and
 * passes through unchanged (a model or gateway that ignored the schema).
 */
export function createJsonReplyReader(): JsonReplyReader {
  let mode: 'detect' | 'json' | 'plain' = 'detect';
  let raw = '';
  // Position in `raw` of the next undecoded character of the reply string (-1: not found yet).
  let at = -1;
  let closed = false;
  let yielded = '';

  function decode(): string {
    if (at < 0) {
      const found = replyStart.exec(raw);
      if (!found) return '';
      at = found[0].length;
    }
    let out = '';
    while (!closed && at < raw.length) {
      const c = raw[at] as string;
      if (c === '"') {
        closed = true;
        break;
      }
      if (c !== '\\') {
        out += c;
        at++;
        continue;
      }
      const next = raw[at + 1];
      if (next === undefined) break;
      if (next === 'u') {
        const hex = raw.slice(at + 2, at + 6);
        if (hex.length < 4) break;
        const code = Number.parseInt(hex, 16);
        // A high surrogate waits for its pair, so no delta holds half a character; one not
        // followed by a low surrogate's escape is alone (decoded as such, the next text kept).
        if (code >= 0xd800 && code <= 0xdbff) {
          const after = raw.slice(at + 6, at + 8);
          if (after.length < 2 && '\\u'.startsWith(after)) break;
          const low = after === '\\u' ? raw.slice(at + 8, at + 12) : '';
          if (after === '\\u' && low.length < 4) break;
          const lowCode = /^[\da-f]{4}$/i.test(low) ? Number.parseInt(low, 16) : -1;
          const paired = lowCode >= 0xdc00 && lowCode <= 0xdfff;
          out += paired ? String.fromCharCode(code, lowCode) : String.fromCharCode(code);
          at += paired ? 12 : 6;
        } else {
          out += String.fromCharCode(code);
          at += 6;
        }
        continue;
      }
      out += escapes[next] ?? next;
      at += 2;
    }
    yielded += out;
    return out;
  }

  return {
    push(chunk) {
      if (mode === 'plain') return chunk;
      raw += chunk;
      if (mode === 'detect') {
        const first = raw.trimStart();
        if (first === '') return '';
        if (!first.startsWith('{')) {
          mode = 'plain';
          return raw;
        }
        mode = 'json';
      }
      return decode();
    },
    end() {
      if (mode !== 'json') return { rest: '', document: undefined };
      let document: unknown;
      try {
        document = JSON.parse(raw);
      } catch {
        return { rest: '', document: undefined };
      }
      const reply = (document as { reply?: unknown }).reply;
      const full = typeof reply === 'string' ? reply : '';
      return { rest: full.startsWith(yielded) ? full.slice(yielded.length) : '', document };
    },
  };
}
