import type { z } from 'zod';
import { UsageError } from './output';

/**
 * One zod issue as a usage error line that names its flag: a missing flag as "--password is
 * required", a schema's own message that already names it (those starting with `--`) as it is,
 * and any other (zod's generic "Too big: …") prefixed with the flag. Never the value: it may be a
 * password or a token. `flags`: the option a key is given as, when it is not the key itself.
 */
function issueLine(
  issue: z.core.$ZodIssue,
  values: unknown,
  flags: Readonly<Record<string, string>>,
): string {
  const key = String(issue.path[0] ?? '');
  const flag = `--${flags[key] ?? key}`;
  const given =
    values !== null && typeof values === 'object' ? (values as Record<string, unknown>)[key] : undefined;
  if (key && given === undefined && issue.code === 'invalid_type') return `${flag} is required`;
  if (issue.message.startsWith('--') || !key) return issue.message;
  return `${flag}: ${issue.message}`;
}

/**
 * A command's flags (as node:util parseArgs gave them) checked with `schema`, or a `UsageError`
 * (exit 2) naming each flag that is missing or wrong, joined with "; ". Every `clara` command
 * that checks its flags with zod goes through here, so none prints zod's raw "Invalid input:
 * expected string, received undefined".
 */
export function parseFlags<T>(
  schema: z.ZodType<T>,
  values: unknown,
  flags: Readonly<Record<string, string>> = {},
): T {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => issueLine(i, values, flags));
    throw new UsageError([...new Set(lines)].join('; '));
  }
  return parsed.data;
}
