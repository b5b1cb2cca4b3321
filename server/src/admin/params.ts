import { ClaraError } from '@clara/core';
import { z } from 'zod';

const uuid = z.uuid();

/** A route `:id` that must be a UUID; anything else is a 404 like an id that is not yours. */
export function idParam(value: string | undefined, what = 'item'): string {
  if (!value || !uuid.safeParse(value).success) throw new ClaraError('not_found', `No ${what} has this id.`);
  return value;
}
