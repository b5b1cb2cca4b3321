import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser';

const parse = (chunks: string[]): SseEvent[] => {
  const out: SseEvent[] = [];
  const p = createSseParser((e) => out.push(e));
  for (const c of chunks) p.push(c);
  p.end();
  return out;
};

describe('createSseParser', () => {
  it('parses named events with JSON data', () => {
    expect(parse(['event: meta\ndata: {"a":1}\n\nevent: delta\ndata: {"text":"Hi"}\n\n'])).toEqual([
      { event: 'meta', data: '{"a":1}' },
      { event: 'delta', data: '{"text":"Hi"}' },
    ]);
  });

  it('handles any chunking, including one character at a time', () => {
    const src = 'event: delta\r\ndata: {"text":"a b"}\r\n\r\nevent: done\rdata: x\r\r';
    const whole = parse([src]);
    expect(whole).toEqual([
      { event: 'delta', data: '{"text":"a b"}' },
      { event: 'done', data: 'x' },
    ]);
    expect(parse(src.split(''))).toEqual(whole);
    expect(parse([src.slice(0, 13), src.slice(13, 14), src.slice(14)])).toEqual(whole);
  });

  it('joins multi-line data, ignores comments and unknown fields', () => {
    expect(parse([': keep-alive\n\nid: 7\nretry: 10\ndata: one\ndata:two\n\n'])).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('drops an event with no data and one cut off before its blank line', () => {
    expect(parse(['event: ping\n\nevent: delta\ndata: cut'])).toEqual([]);
  });

  it('keeps only one leading space of a value', () => {
    expect(parse(['data:  two spaces\n\n'])).toEqual([{ event: 'message', data: ' two spaces' }]);
  });
});
