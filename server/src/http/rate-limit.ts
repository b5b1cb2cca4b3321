import type { ChatAdmission } from '@clara/channel-web';
import { clientAddressKey } from './client-address-key';

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key: `perMinute` tokens refill over a minute, bursts up to `perMinute`. */
export function createTokenBuckets(perMinute: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const ratePerMs = perMinute / 60_000;

  function refill(key: string): Bucket {
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: perMinute, at: t };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * ratePerMs);
    bucket.at = t;
    return bucket;
  }

  function sweep() {
    // Full buckets carry no information: drop them so idle clients cost no memory.
    const t = now();
    for (const [key, b] of buckets) if (b.tokens + (t - b.at) * ratePerMs >= perMinute) buckets.delete(key);
  }

  return {
    /** Seconds until `key` has a token again (0: it has one now). */
    wait(key: string): number {
      const bucket = refill(key);
      return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / ratePerMs / 1000);
    },
    take(key: string): void {
      const bucket = refill(key);
      bucket.tokens -= 1;
      buckets.set(key, bucket);
      if (buckets.size > 50_000) sweep();
    },
    get size() {
      return buckets.size;
    },
  };
}

export interface ChatRateLimitOptions {
  perIpPerMinute: number;
  perSessionPerMinute: number;
  now?: () => number;
}

/**
 * Rate limits for POST /api/chat, per client IP (an IPv6 client per /64: `clientAddressKey`) and
 * per chat session, in this process's memory: the embedded database's limiter, since only one
 * process can open it. Only a
 * message id not seen recently costs a token: a client retrying the same message
 * (idempotent, answered from storage) is never limited. With a shared database the same
 * buckets are kept in it instead (shared-rate-limit.ts), so instances count together.
 */
export function createChatRateLimit(
  options: ChatRateLimitOptions,
): (request: ChatAdmission) => number | null {
  const now = options.now ?? Date.now;
  const perIp = createTokenBuckets(options.perIpPerMinute, now);
  const perSession = createTokenBuckets(options.perSessionPerMinute, now);
  // Message ids already charged, oldest first (Map keeps insertion order).
  const seen = new Map<string, number>();
  const seenTtlMs = 10 * 60_000;

  return (request) => {
    // Keyed on canonical (lower-case) ids: a UUID spelt in another case is the same session.
    const workspaceId = request.workspaceId.toLowerCase();
    const sessionToken = request.sessionToken.toLowerCase();
    const messageKey = `${workspaceId}:${sessionToken}:${request.messageId.toLowerCase()}`;
    const t = now();
    for (const [key, at] of seen) {
      if (t - at < seenTtlMs && seen.size <= 100_000) break;
      seen.delete(key);
    }
    if (seen.has(messageKey)) return null;
    const ipKey = clientAddressKey(request.ip);
    const sessionKey = `${workspaceId}:${sessionToken}`;
    const wait = Math.max(perIp.wait(ipKey), perSession.wait(sessionKey));
    if (wait > 0) return wait;
    perIp.take(ipKey);
    perSession.take(sessionKey);
    seen.set(messageKey, t);
    return null;
  };
}

/**
 * The per-IP limit of the chat's other public routes (history, feedback): a token bucket in
 * this process, four times the chat's per-IP rate (they are cheap, but not free).
 */
export function readRateLimitFor(perMinute: number): (ip: string) => number | null {
  const buckets = createTokenBuckets(perMinute);
  return (ip) => {
    const key = clientAddressKey(ip);
    const wait = buckets.wait(key);
    if (wait > 0) return wait;
    buckets.take(key);
    return null;
  };
}
