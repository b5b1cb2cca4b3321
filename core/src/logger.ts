/**
 * Clara's one logger type: the calls code outside the composition root makes. pino's logger
 * fits it; tests pass a recorder. Fields first, then the message, as pino takes them.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}
