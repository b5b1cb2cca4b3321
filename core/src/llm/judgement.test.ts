import { describe, expect, it } from 'vitest';
import { createJsonReplyReader } from './json-reply-reader';
import { assessJudgement } from './judgement';

const context = ['pair-a', 'pair-b', 'pair-c'];

describe('assessJudgement', () => {
  it('maps entry ids to the pairs that were in the context', () => {
    expect(assessJudgement({ used_entries: [2, 2, 1], answered: true }, context)).toEqual({
      kind: 'answered',
      qaIds: ['pair-b', 'pair-a'],
    });
    expect(assessJudgement({ used_entries: [], answered: false }, context)).toEqual({
      kind: 'not_answered',
      qaIds: [],
    });
  });

  it('does not trust an answer with no entry used, an entry not in the context, or a broken report', () => {
    expect(assessJudgement({ used_entries: [], answered: true }, context)).toEqual({
      kind: 'untrusted',
      reason: 'no_entry_used',
    });
    expect(assessJudgement({ used_entries: [4], answered: true }, context)).toMatchObject({
      reason: 'unknown_entry',
    });
    expect(assessJudgement({ used_entries: [0], answered: false }, context)).toMatchObject({
      reason: 'unknown_entry',
    });
    expect(assessJudgement({ answered: 'yes' }, context)).toMatchObject({ reason: 'malformed' });
    expect(assessJudgement(null, context)).toMatchObject({ reason: 'malformed' });
    expect(assessJudgement(undefined, context)).toEqual({ kind: 'missing' });
  });
});

describe('createJsonReplyReader', () => {
  const read = (pieces: string[]) => {
    const reader = createJsonReplyReader();
    const deltas = pieces.map((p) => reader.push(p));
    const end = reader.end();
    return { deltas, text: deltas.join('') + end.rest, document: end.document };
  };

  it('gives the reply as it streams, escapes decoded across chunk boundaries', () => {
    const document = JSON.stringify({
      reply: 'Yes — "free" over $50.\nSee 🚲 \\ ok',
      used_entries: [1],
      answered: true,
    });
    for (const size of [1, 2, 3, 5, 11]) {
      const pieces: string[] = [];
      for (let i = 0; i < document.length; i += size) pieces.push(document.slice(i, i + size));
      const { deltas, text, document: parsed } = read(pieces);
      expect(text).toBe('Yes — "free" over $50.\nSee 🚲 \\ ok');
      expect(parsed).toEqual(JSON.parse(document));
      // The text arrived before the end of the document.
      expect(deltas.join('')).toBe(text);
    }
    const escaped = JSON.stringify({ reply: 'x' }).replace('x', '\\ud83d\\udeb2 \\u00e9');
    expect(read([escaped.slice(0, 14), escaped.slice(14)]).text).toBe('🚲 é');
  });

  it('passes plain text through, and gives the whole reply when it is not the first field', () => {
    expect(read(['  Hello', ' there'])).toEqual({
      deltas: ['  Hello', ' there'],
      text: '  Hello there',
      document: undefined,
    });
    const late = JSON.stringify({ answered: true, used_entries: [1], reply: 'Late text' });
    const out = read([late.slice(0, 10), late.slice(10)]);
    expect(out.deltas.join('')).toBe('');
    expect(out.text).toBe('Late text');
    expect(read(['{"reply":"cut']).document).toBeUndefined();
  });
});
