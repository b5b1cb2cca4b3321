import { ClaraError } from '@clara/core';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  index: number;
}

/** The media ranges of an Accept header, with their q-values (1 when absent, 0 when malformed). */
function mediaRanges(accept: string): MediaRange[] {
  return accept
    .toLowerCase()
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.split(';').map((p) => p.trim());
      const [type = '', subtype = ''] = range.split('/');
      const qParam = params.find((p) => /^q\s*=/.test(p));
      const qText = qParam?.replace(/^q\s*=\s*/, '');
      const q =
        qText === undefined ? 1 : /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(qText) ? Number(qText) : 0;
      return { type, subtype, q, index };
    })
    .filter((r) => r.type !== '' && r.subtype !== '');
}

/** The most specific range matching `type/subtype` (exact, then `type/*`, then `*\/*`), or none. */
function bestMatch(ranges: MediaRange[], type: string, subtype: string): MediaRange | undefined {
  const score = (r: MediaRange) =>
    r.type === type && r.subtype === subtype ? 3 : r.type === type && r.subtype === '*' ? 2 : 1;
  return ranges
    .filter((r) => (r.type === type || r.type === '*') && (r.subtype === subtype || r.subtype === '*'))
    .filter((r) => r.type !== '*' || r.subtype === '*')
    .sort((a, b) => score(b) - score(a) || a.index - b.index)[0];
}

/**
 * Which representation of a chat reply the client asked for, by the Accept header's q-values:
 * the higher of `text/event-stream` and `application/json` (each by its most specific matching
 * range); on a tie the one listed first, JSON when one range (`*\/*`) covers both. An empty
 * header is JSON; neither acceptable (absent or q=0) is 406 `not_acceptable`.
 */
export function negotiateReply(accept: string): 'json' | 'sse' {
  if (!accept.trim()) return 'json';
  const ranges = mediaRanges(accept);
  const sse = bestMatch(ranges, 'text', 'event-stream');
  const json = bestMatch(ranges, 'application', 'json');
  const sseQ = sse?.q ?? 0;
  const jsonQ = json?.q ?? 0;
  if (sseQ === 0 && jsonQ === 0) {
    throw new ClaraError('not_acceptable', 'Accept application/json or text/event-stream.');
  }
  if (sseQ !== jsonQ) return sseQ > jsonQ ? 'sse' : 'json';
  return sse && json && sse.index < json.index ? 'sse' : 'json';
}
