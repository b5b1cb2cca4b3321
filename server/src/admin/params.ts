import { ClaraError } from '@clara/core';
import { z } from 'zod';

const uuid = z.uuid();

/**
 * A route `:id` that must be a UUID, in its canonical form (lower case: ids compared as text,
 * such as a phrasing's `phrasing_of`, find it in any case); anything else is a 404 like an id
 * that is not yours.
 */
export function idParam(value: string | undefined, what = 'item'): string {
  if (!value || !uuid.safeParse(value).success) throw new ClaraError('not_found', `No ${what} has this id.`);
  return value.toLowerCase();
}
