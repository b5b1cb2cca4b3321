import { ClaraError } from '@clara/core';
import type { Context } from 'koa';
import { z } from 'zod';
import { issuesMessage } from './issues-message';
import { readJsonBody } from './read-json-body';

/**
 * Parses `value` with `schema` (classic zod, or a `@clara/contract` zod/mini schema) or throws 400
 * validation_failed. Parsed by this package's zod, so every message is in English.
 */
export function validate<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) {
    throw new ClaraError('validation_failed', issuesMessage(parsed.error, value), {
      details: parsed.error.issues,
    });
  }
  return parsed.data;
}

/** Reads a JSON body (size-limited, JSON content type) and validates it with `schema`. */
export async function validatedBody<S extends z.core.$ZodType>(
  ctx: Context,
  schema: S,
  limit = 64 * 1024,
): Promise<z.output<S>> {
  return validate(schema, await readJsonBody(ctx, { limit }));
}
