import type { Logger as ClaraLogger } from '@clara/core';
import { type Logger, LogLevel } from '@slack/bolt';

// Bot, user and app tokens: never let one reach a log line, whatever Bolt decides to print.
const tokenPattern = /xox[a-z]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+/g;

function line(parts: unknown[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p)))
    .join(' ')
    .replace(tokenPattern, '[redacted]');
}

/** Adapts Clara's pino-style logger to Bolt's Logger, scrubbing tokens from everything Bolt prints. */
export function boltLogger(logger: ClaraLogger): Logger {
  let level = LogLevel.DEBUG;
  return {
    debug: (...msg) => logger.debug({ source: 'bolt' }, line(msg)),
    info: (...msg) => logger.info({ source: 'bolt' }, line(msg)),
    warn: (...msg) => logger.warn({ source: 'bolt' }, line(msg)),
    error: (...msg) => logger.error({ source: 'bolt' }, line(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
