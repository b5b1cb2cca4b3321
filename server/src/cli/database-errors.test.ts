import { ClaraError } from '@clara/core';
import { describe, expect, it } from 'vitest';
import { databaseHost, describeDatabaseUrl, explainDatabaseError } from './database-errors';

const url = 'postgres://clara_app:pw-s3cret@db.example.com:6543/clara';
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('explainDatabaseError', () => {
  it('names host:port/database, never the password', () => {
    expect(describeDatabaseUrl(url)).toBe('db.example.com:6543/clara');
    expect(describeDatabaseUrl('postgresql://localhost/x')).toBe('localhost:5432/x');
  });

  it('never reads a password with an unencoded / ? or # as the host', () => {
    for (const pw of ['4821/xy', 'a?b=c', 'x#y', 'p@ss/w?rd#1']) {
      const raw = `postgres://clara:${pw}@db.example.com:6543/clara`;
      expect(describeDatabaseUrl(raw)).toBe('db.example.com:6543/clara');
      expect(databaseHost(raw)).toBe('db.example.com:6543');
      const line = explainDatabaseError(pgError('28000', 'role "clara" does not exist'), raw, 'serve');
      expect(line).toContain('"clara"');
      for (const piece of pw.split(/[/?#@]/).filter((p) => p.length >= 3)) expect(line).not.toContain(piece);
    }
  });

  it.each([
    ['3D000', 'database "clara" does not exist', 'the database at db.example.com:6543/clara does not exist'],
    ['28000', 'role "clara_app" does not exist', 'refused the role "clara_app"'],
    ['28P01', 'password authentication failed', 'check the password in DATABASE_URL'],
    ['42P01', 'relation "import_jobs" does not exist', "missing Clara's tables"],
    ['58P01', 'could not open extension control file ".../vector.control"', 'pgvector is not installed'],
  ])('%s → one line saying what to do', (code, message, expected) => {
    const line = explainDatabaseError(pgError(code, message), url, 'serve');
    expect(line).toContain(expected);
    expect(line).not.toContain('pw-s3cret');
  });

  it('clara migrate refused a privilege: it needs a role that may create roles', () => {
    const line = explainDatabaseError(
      pgError('42501', 'must have admin option on role "anon"'),
      url,
      'migrate',
    );
    expect(line).toContain('clara migrate needs a role that may create roles');
    expect(line).toContain('on Supabase the postgres role');
    expect(line).toContain('db.example.com:6543/clara');
  });

  it('an unreachable database, wrapped by the driver as unavailable', () => {
    const wrapped = new ClaraError('unavailable', 'The database is unreachable; try again shortly.', {
      cause: pgError('ECONNREFUSED', 'connect ECONNREFUSED'),
    });
    expect(explainDatabaseError(wrapped, url, 'migrate')).toContain(
      'cannot reach Postgres at db.example.com:6543/clara',
    );
  });

  it('leaves other errors (and embedded mode) alone', () => {
    expect(explainDatabaseError(pgError('23505', 'duplicate key'), url, 'import')).toBeNull();
    expect(explainDatabaseError(pgError('3D000', 'x'), undefined, 'migrate')).toBeNull();
    expect(explainDatabaseError(new ClaraError('not_found', 'nope'), url, 'import')).toBeNull();
  });
});
