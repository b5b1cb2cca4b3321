/** CLI output: results as JSON on stdout, human notes on stderr. */
export const out = {
  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value)}\n`);
  },
  text(line: string): void {
    process.stdout.write(`${line}\n`);
  },
  note(line: string): void {
    process.stderr.write(`${line}\n`);
  },
};

/** A usage mistake: printed with where that command's help is (`clara CMD --help`), exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
