/**
 * The one error type Clara throws on purpose. Codes form a closed set; the server
 * maps each code to an HTTP status in one place (server/src/http/error-handler.ts).
 */
export const errorCodes = [
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unsupported_media_type',
  'not_acceptable',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'workspace_not_found',
  'conflict',
  'idempotency_conflict',
  'conversation_full',
  'rate_limited',
  'unavailable',
  'insufficient_storage',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ClaraErrorOptions {
  cause?: unknown;
  /** Structured detail safe to show to the caller (e.g. zod issues). */
  details?: unknown;
  /** Per-field problems for the caller to place next to each field (answered as `error.details`). */
  fields?: readonly { field: string; message: string }[];
}

export class ClaraError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly fields: readonly { field: string; message: string }[] | undefined;

  constructor(code: ErrorCode, message: string, options: ClaraErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'ClaraError';
    this.code = code;
    this.details = options.details;
    this.fields = options.fields;
  }

  /** Normalises anything thrown into a ClaraError, keeping the original as `cause`. */
  static from(error: unknown): ClaraError {
    if (error instanceof ClaraError) return error;
    return new ClaraError('internal', 'Something went wrong on our side.', { cause: error });
  }
}

export function isClaraError(error: unknown): error is ClaraError {
  return error instanceof ClaraError;
}
