import { describe, expect, it } from 'vitest';
import { parseQueriesCsv } from './read-queries-csv';

describe('parseQueriesCsv', () => {
  it('reads a file whose rows mix CRLF, LF and CR line endings, quoted answers included', () => {
    const text =
      'query,expected_answer\r\n' +
      '"when are you open?","Tuesday to Saturday, 9am to 6pm."\n' +
      'do you sell coffee,\r' +
      '"how much is a service?","A basic service is £49,\nparts extra."\r\n';
    expect(parseQueriesCsv(text)).toEqual([
      { query: 'when are you open?', expected_answer: 'Tuesday to Saturday, 9am to 6pm.', row: 2 },
      { query: 'do you sell coffee', expected_answer: null, row: 3 },
      { query: 'how much is a service?', expected_answer: 'A basic service is £49,\nparts extra.', row: 4 },
    ]);
  });

  it('refuses a header without expected_answer', () => {
    expect(() => parseQueriesCsv('query,answer\nhi,there\n')).toThrow(/query,expected_answer/);
  });
});
