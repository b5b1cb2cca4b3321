import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
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

  it('neutralises every formula cell a hostile CSV import can store, and changes nothing else', () => {
    const lead = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\t=', '\r\n=', ' =', '', 'a');
    const rest = fc.string({ minLength: 3, maxLength: 40 });
    const cell = fc.tuple(lead, rest).map(([l, r]) => `${l}${r}`);
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(
        // At least one row: a file with only the header is refused as having no pairs.
        fc.array(fc.tuple(cell, cell, fc.constantFrom('-x', '@sum', 'general')), {
          minLength: 1,
          maxLength: 8,
        }),
        (rows) => {
          // The hostile file, imported as the importer reads it.
          const file = ['question,answer,category', ...rows.map((r) => r.map(quote).join(','))].join('\n');
          const imported = parseQaCsv(file).rows.map((r) => r.pair);
          const exported = toCsv(
            ['question', 'answer', 'category'],
            imported.map((p) => [p.question, p.answer, p.category]),
          );
          // As a spreadsheet reads the export: no cell may start a formula; only the apostrophe was added.
          const cells: string[][] = parse(exported, { from_line: 2, relax_quotes: false });
          expect(cells).toHaveLength(imported.length);
          cells.forEach((row, i) => {
            const stored = [imported[i]?.question, imported[i]?.answer, imported[i]?.category];
            row.forEach((value, j) => {
              expect(value).not.toMatch(/^[=+\-@\t\r]/);
              expect(value.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(stored[j]);
            });
          });
        },
      ),
      { numRuns: 300, seed: 20_261_125 },
    );
  });

  it('reads back exactly what it wrote: the export → import round trip takes off only the apostrophes it added', () => {
    const lead = fc.constantFrom('=', '+', '-', '@', "'=", "''+", "'", "'a", 'a', '');
    const text = fc.tuple(lead, fc.string({ minLength: 3, maxLength: 30 })).map(([l, r]) => `${l}${r}`);
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const pairs = (file: string) => parseQaCsv(file).rows.map((r) => [r.pair.question, r.pair.answer]);
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 6 }), (cells) => {
        // Pairs as stored: whatever the importer made of a hand-written file.
        const stored = pairs(['question,answer', ...cells.map((c) => c.map(quote).join(','))].join('\n'));
        if (stored.length === 0) return;
        expect(pairs(toCsv(['question', 'answer'], stored))).toEqual(stored);
      }),
      { numRuns: 300, seed: 20_261_207 },
    );
    const row = (q: string, a: string) => pairs(toCsv(['question', 'answer'], [[q, a]]));
    expect(row('=1+1, is that two?', "'=SUM(A1) stays as typed.")).toEqual([
      ['=1+1, is that two?', "'=SUM(A1) stays as typed."],
    ]);
  });

  it('neutralises formula categories stored outside the importer (legacy or hand-edited rows)', () => {
    // The importer keeps `-x` as typed (the export neutralises it) and refuses `@sum(a1)`.
    const parsed = parseQaCsv('question,answer,category\nWhat is up?,Fine.,-x\nWhat is down?,Fine.,@sum(a1)');
    expect(parsed.rows.map((r) => r.pair.category)).toEqual(['-x']);
    expect(parsed.errors.map((e) => e.row)).toEqual([3]);
    expect(toCsv(['category'], [['@SUM(A1)'], ['-2+3'], ['+cmd']])).toBe(
      `"category"\r\n"'@SUM(A1)"\r\n"'-2+3"\r\n"'+cmd"\r\n`,
    );
  });
});
