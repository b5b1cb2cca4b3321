import { ClaraError } from '@clara/core';

/** What `parseOrThrow` needs of a schema: zod's `safeParse` (classic or mini, any copy). */
export interface SafeParser<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: readonly { code: string; path: PropertyKey[]; message: string; input?: unknown }[] };
      };
}

/** Validates `value` with `schema`, throwing a `validation_failed` ClaraError that names the field. */
export function parseOrThrow<T>(schema: SafeParser<T>, value: unknown): T {
  const result = schema.safeParse(value);
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
