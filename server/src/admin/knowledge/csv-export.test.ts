import { describe, expect, it } from 'vitest';
import { parseQaCsv } from '../../knowledge/parse-qa-csv';
import { csvCell, toCsv } from './csv-export';

describe('csv export', () => {
  it('neutralises formula cells and quotes everything', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    for (const lead of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1`)).toBe(`"'${lead}1"`);
    expect(csvCell('plain, text')).toBe('"plain, text"');
  });

  it('round-trips through the importer', () => {
    const csv = toCsv(
      ['question', 'answer', 'category'],
      [['What is "Clara"?', 'A line\nbreak, and comma', 'general']],
    );
    const parsed = parseQaCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]?.pair).toEqual({
      question: 'What is "Clara"?',
      answer: 'A line\nbreak, and comma',
      category: 'general',
    });
  });
});
