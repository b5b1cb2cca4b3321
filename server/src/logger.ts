import { pino } from 'pino';
import { currentRequestId } from './request-context';

// Clara has one logger type, core's `Logger` port; code outside the composition root takes it.
// The pino logger made here implements it (and adds flush and child for the composition root).
export type { Logger } from '@clara/core';

// Anything that could hold a secret is removed from log lines, wherever it sits.
const redactPaths = [
  'password',
  'encrypted_password',
  'encrypted_key',
  'api_key',
  'apiKey',
  'key',
  'token',
  'authorization',
  'cookie',
  'masterKey',
  '*.password',
  '*.encrypted_password',
  '*.encrypted_key',
  '*.api_key',
  '*.apiKey',
  '*.authorization',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * The structured logger (JSON lines on stderr so stdout stays free for CLI output). A line
 * written while serving a request carries its `request_id`, whoever wrote it.
 */
export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
): pino.Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'clara' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { request_id: requestId } : {};
      },
    },
    options.destination ?? pino.destination(2),
  );
}
