import { isStorableText } from '@clara/contract';
import { describe, expect, it } from 'vitest';
import { createJsonReplyReader } from './json-reply-reader';
import { createStorableStream, storableText } from './storable-deltas';

describe('storableText', () => {
  it.each([
    ['bad \u0000 nul', 'bad  nul'],
    ['ok \ud83d then', 'ok  then'],
    ['low \ude00 alone', 'low  alone'],
    ['pair \ud83d\ude00 kept', 'pair \ud83d\ude00 kept'],
    ['reversed \ude00\ud83d', 'reversed '],
  ])('%j → %j (storable)', (text, clean) => {
    expect(storableText(text)).toBe(clean);
    expect(isStorableText(storableText(text))).toBe(true);
  });
});

describe('createStorableStream', () => {
  it('keeps a surrogate pair split across deltas and drops a lone one', () => {
    const push = createStorableStream();
    const out = ['smile \ud83d', '\ude00 and ', 'nul\u0000 ', 'lone \ud83d', ' end \ud83d'].map(push);
    expect(out).toEqual(['smile ', '\ud83d\ude00 and ', 'nul ', 'lone ', ' end ']);
  });
});

describe('createJsonReplyReader with a lone surrogate escape', () => {
  it('decodes it alone and keeps the text after it', () => {
    const document = JSON.stringify({ reply: 'ok \ud83d then', used_entries: [1], answered: true });
    const reader = createJsonReplyReader();
    let text = '';
    for (let i = 0; i < document.length; i += 3) text += reader.push(document.slice(i, i + 3));
    const { rest, document: parsed } = reader.end();
    expect(storableText(text + rest)).toBe('ok  then');
    expect(parsed).toEqual({ reply: 'ok \ud83d then', used_entries: [1], answered: true });
  });

  it('still joins an escaped surrogate pair split across chunks', () => {
    const document = JSON.stringify({ reply: 'a \ud83d\ude00 b' }).replace('\ud83d\ude00', '\\ud83d\\ude00');
    const reader = createJsonReplyReader();
    let text = '';
    for (const c of document) text += reader.push(c);
    expect(text + reader.end().rest).toBe('a \ud83d\ude00 b');
  });
});
