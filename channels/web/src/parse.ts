import { ClaraError } from '@clara/core';
import { z } from 'zod';

/**
 * Validates `value` with `schema` (a `@clara/contract` schema, or any zod schema), throwing a
 * `validation_failed` ClaraError that names the field. Parsed by this package's zod, so a rule
 * without its own message still gets zod's English one.
 */
export function parseOrThrow<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  // reportInput: an issue carries the value it saw, so a missing field (undefined) is told apart
  // from one of the wrong type (which keeps the contract's message).
  const result = z.safeParse(schema, value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.');
  const message =
    issue?.code === 'invalid_type' && issue.input === undefined
      ? `${path} is required`
      : (issue?.message ?? 'Invalid input.');
  throw new ClaraError('validation_failed', message, {
    details: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}
