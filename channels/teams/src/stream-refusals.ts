/** Tenants whose Teams refused a stream recently: their answers go out whole for a while. */
export interface StreamRefusals {
  allows(key: string): boolean;
  refused(key: string): void;
}

/**
 * Remembers refusals (403 `ContentStreamNotAllowed` on the informative update: streaming is not
 * allowed for that tenant or bot) for `ttlMs`, default 10 minutes, so a tenant without streaming
 * costs one refused request, not one per answer. At most `max` keys, the oldest dropped first.
 */
export function createStreamRefusals(
  ttlMs = 600_000,
  now: () => number = Date.now,
  max = 10_000,
): StreamRefusals {
  const until = new Map<string, number>();
  return {
    allows(key) {
      const t = until.get(key);
      if (t === undefined) return true;
      if (now() < t) return false;
      until.delete(key);
      return true;
    },
    refused(key) {
      until.delete(key);
      until.set(key, now() + ttlMs);
      if (until.size > max) until.delete(until.keys().next().value as string);
    },
  };
}
