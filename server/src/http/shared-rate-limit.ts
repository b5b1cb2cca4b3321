import { createHmac, hkdfSync } from 'node:crypto';
import type { ChatAdmission } from '@clara/channel-web';
import { admitChatMessage, pruneChatRateLimits, type SqlExecutor } from '@clara/supabase';
import type { Logger } from '../logger';
import type { Runtime } from '../runtime';
import { clientAddressKey } from './client-address-key';
import { type ChatRateLimitOptions, createChatRateLimit } from './rate-limit';

export interface SharedChatRateLimitOptions extends ChatRateLimitOptions {
  sql: SqlExecutor;
  /** Keys the digests of addresses and session tokens (the vault's master key). */
  secret: Buffer;
  logger?: Pick<Logger, 'debug' | 'warn'>;
}

const pruneEveryMs = 60_000;

/**
 * Rate limits for POST /api/chat counted in the database (`chat_rate_limits`), so every
 * instance sharing it enforces one limit per client IP (an IPv6 client per /64) and per chat
 * session. The same token buckets as the in-memory limiter; keys are HMAC digests, never an IP
 * or a session token.
 * A message already stored in its session (a client retry, on any instance) is never
 * charged. Idle buckets are deleted about once a minute per instance.
 */
export function createSharedChatRateLimit(
  options: SharedChatRateLimitOptions,
): (request: ChatAdmission) => Promise<number | null> {
  const digestKey = Buffer.from(hkdfSync('sha256', options.secret, '', 'clara chat rate limits', 32));
  const digest = (value: string) => createHmac('sha256', digestKey).update(value).digest('base64url');
  const clock = options.now;
  let prunedAt = 0;

  return async (request) => {
    const at = clock ? new Date(clock()) : undefined;
    const t = at?.getTime() ?? Date.now();
    if (t - prunedAt >= pruneEveryMs) {
      prunedAt = t;
      // Housekeeping, off the visitor's request: a slow or failed prune delays no admission.
      void pruneChatRateLimits(options.sql, at).then(
        (pruned) => options.logger?.debug({ pruned }, 'chat rate limits pruned'),
        (error: unknown) => options.logger?.warn({ err: error }, 'chat rate limits: prune failed'),
      );
    }
    const result = await admitChatMessage(options.sql, {
      workspaceId: request.workspaceId,
      sessionToken: request.sessionToken,
      messageId: request.messageId,
      buckets: [
        { key: `ip:${digest(`ip\n${clientAddressKey(request.ip)}`)}`, capacity: options.perIpPerMinute },
        {
          // Canonical (lower-case) ids: a UUID spelt in another case is the same session.
          key: `session:${digest(`session\n${request.workspaceId.toLowerCase()}\n${request.sessionToken.toLowerCase()}`)}`,
          capacity: options.perSessionPerMinute,
        },
      ],
      at,
    });
    return result.kind === 'limited' ? result.waitSeconds : null;
  };
}

/**
 * The chat rate limit for this runtime: in the database when it is shared (the `pg` driver,
 * DATABASE_URL), in memory for the embedded database, which only one process can open (a
 * database round trip there, about 1 ms on PGlite's single thread, would buy nothing).
 */
export function chatRateLimitFor(
  runtime: Pick<Runtime, 'db' | 'config' | 'masterKey' | 'logger'>,
): (request: ChatAdmission) => number | null | Promise<number | null> {
  const limits = runtime.config.chatRateLimit;
  if (runtime.db.kind !== 'pg') return createChatRateLimit(limits);
  return createSharedChatRateLimit({
    ...limits,
    sql: runtime.db,
    secret: runtime.masterKey,
    logger: runtime.logger,
  });
}
