import type { z } from 'zod';

/** What a value becomes in a JSON response body: Dates as ISO strings, the rest as it is. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/**
 * A response body checked at compile time against its type in `@clara/contract`, as it will be
 * once serialised (Dates as strings): `ctx.body = wire<{ job: ImportJob }>()({ job })`. A body
 * that does not conform needs a second argument of type `never`, so the call does not compile.
 */
export const wire =
  <Contract>() =>
  <T>(value: T, ..._conforms: Wire<T> extends Contract ? [] : [never]): T =>
    value;

/**
 * A request schema that compiles only when every body the contract allows (`Request`, what the
 * admin sends) is valid input for it: `acceptsContract<PairRequest>()(createPairSchema)`.
 */
export const acceptsContract =
  <Request>() =>
  <S extends z.core.$ZodType>(schema: S, ..._accepts: Request extends z.input<S> ? [] : [never]): S =>
    schema;
