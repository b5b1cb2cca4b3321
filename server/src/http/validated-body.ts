import { ClaraError } from '@clara/core';
import type { Context } from 'koa';
import { z } from 'zod';
import { readJsonBody } from './read-json-body';

/** Turns zod issues into one readable message: `field: problem; other: problem`. */
export function issuesMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Parses `value` with `schema` (classic zod, or a `@clara/contract` zod/mini schema) or throws 400
 * validation_failed. Parsed by this package's zod, so every message is in English.
 */
export function validate<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) {
    throw new ClaraError('validation_failed', issuesMessage(parsed.error), { details: parsed.error.issues });
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
