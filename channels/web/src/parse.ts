import { ClaraError } from '@clara/core';
import type { z } from 'zod';

/** Validates `value` with `schema`, throwing a `validation_failed` ClaraError that names the field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.');
  const message =
    issue?.code === 'invalid_type' && issue.input === undefined
      ? `${path} is required`
      : (issue?.message ?? 'Invalid input.');
  throw new ClaraError('validation_failed', message, {
    details: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}
