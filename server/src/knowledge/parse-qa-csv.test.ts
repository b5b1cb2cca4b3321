import { describe, expect, it } from 'vitest';
import { parseQaCsv } from './parse-qa-csv';

describe('parseQaCsv', () => {
  it('reads quoted fields with commas, quotes and newlines, and defaults the category', () => {
    const csv = [
      'question,answer,category',
      '"Do you ship, abroad?","Yes — to 30 countries.\nSee the ""Shipping"" page.",Shipping Zones',
      'What is the price?,$10,',
    ].join('\r\n');
    const { rows, errors } = parseQaCsv(csv);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        pair: {
          question: 'Do you ship, abroad?',
          answer: 'Yes — to 30 countries.\nSee the "Shipping" page.',
          category: 'Shipping Zones',
        },
        active: true,
      },
      { row: 3, pair: { question: 'What is the price?', answer: '$10', category: 'general' }, active: true },
    ]);
  });

  it('reports bad rows by line number and keeps the good ones', () => {
    const csv = 'Question,Answer\nok question?,fine\n,no question\nshort?,\nhi,a greeting\n';
    const { rows, errors } = parseQaCsv(`\uFEFF${csv}`);
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(errors).toEqual([
      { row: 3, message: 'question is empty' },
      { row: 4, message: 'answer is empty' },
      { row: 5, message: 'question is too short' },
    ]);
  });

  it('rejects a file without the header and a broken file with a clear message', () => {
    expect(() => parseQaCsv('foo,bar\n1,2\n')).toThrow(
      'Row 1 must be the header, naming the columns question,answer[,category]; it reads “foo”, “bar”. Add that header row above the pairs.',
    );
    expect(() => parseQaCsv('question,answer\n"unterminated,x\n')).toThrow(
      /^Row 2: a field opens a quote \("\) that is never closed/,
    );
  });

  it('says what is wrong with a file that is empty, binary or header-only', () => {
    expect(() => parseQaCsv('\uFEFF \n')).toThrow(/^The file is empty: it needs a header row/);
    expect(() => parseQaCsv('PK\u0003\u0004\u0014\u0000\u0006\u0000')).toThrow(
      /^This file is not a CSV text file\. It looks like a spreadsheet workbook/,
    );
    expect(() => parseQaCsv('question,answer\r\n')).toThrow(/^The file has a header row but no pairs/);
    // A few undecodable characters (a Windows-1252 "café") are text, not a binary file.
    expect(parseQaCsv('question,answer\nDo you serve caf\uFFFD?,Yes\n').rows).toHaveLength(1);
  });

  it('reads the separator from the header: semicolons and tabs as Excel writes them, quoted or not', () => {
    const plain = parseQaCsv('question;answer;category\nHow much is a session?;£45,50;Prices\n');
    expect(plain).toMatchObject({
      delimiter: ';',
      rows: [{ row: 2, pair: { question: 'How much is a session?', answer: '£45,50', category: 'Prices' } }],
    });
    const quoted = parseQaCsv(
      '\uFEFF"question";"answer";"category"\r\n"Do you treat back pain; neck pain?";"Yes, both.";"Conditions"\r\n',
    );
    expect(quoted).toMatchObject({
      delimiter: ';',
      errors: [],
      rows: [{ pair: { question: 'Do you treat back pain; neck pain?', answer: 'Yes, both.' } }],
    });
    expect(parseQaCsv('question\tanswer\nQ one?\tA, b\n')).toMatchObject({
      delimiter: '\t',
      rows: [{ pair: { question: 'Q one?', answer: 'A, b' } }],
    });
    // Commas stay the separator when the header names the columns with them.
    expect(parseQaCsv('question,answer\nIs it 9;30?,Yes\n')).toMatchObject({
      delimiter: ',',
      rows: [{ pair: { question: 'Is it 9;30?', answer: 'Yes' } }],
    });
    // A bad quote in a semicolon file names the semicolon.
    expect(() => parseQaCsv('question;answer\n"Q?" x;A\n')).toThrow(/right before the next semicolon/);
  });
});
