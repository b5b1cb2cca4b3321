import { isLlmError } from '@clara/core';

/** Why a workspace's background embedding is paused: the provider's status and code, never its message. */
export interface EmbeddingPause {
  /** An LlmError code (auth, unreachable, timeout, rate_limited, provider_error, bad_stream) or `internal`. */
  code: string;
  status: number | null;
  provider_code: string | null;
  /** Failed sweeps in a row. */
  failures: number;
  /** When the sweep tries this workspace again (ISO 8601). */
  retry_at: string;
}

export interface SweepBackoffOptions {
  /** The first wait after a failure (then doubled each time). */
  baseMs: number;
  /** The longest wait. Default 600 000 ms (10 minutes). */
  maxMs?: number | undefined;
  now?: (() => number) | undefined;
}

/** One failure step: what to log once. */
export interface BackoffStep {
  pause: EmbeddingPause;
  delay_ms: number;
}

/** Per-workspace exponential back-off for the embedding sweep. */
export interface SweepBackoff {
  /** Whether the sweep may try the workspace now. */
  due(workspaceId: string): boolean;
  /** Records a failed attempt; the returned step is logged once. */
  failed(workspaceId: string, error: unknown): BackoffStep;
  /** Forgets the workspace's failures (a success, or its keys changed). */
  reset(workspaceId: string): void;
  /** The current pause, or undefined when the workspace is not failing. */
  pause(workspaceId: string): EmbeddingPause | undefined;
}

function describe(error: unknown): Pick<EmbeddingPause, 'code' | 'status' | 'provider_code'> {
  if (isLlmError(error))
    return { code: error.code, status: error.status ?? null, provider_code: error.providerCode ?? null };
  return { code: 'internal', status: null, provider_code: null };
}

/**
 * Doubles the wait after each failed sweep of a workspace (baseMs × 2^(n-1), at most maxMs), so a
 * rejected or unreachable key costs one request and one log line per step instead of one every
 * interval; a success or a key change starts over.
 */
export function createSweepBackoff(options: SweepBackoffOptions): SweepBackoff {
  const maxMs = options.maxMs ?? 600_000;
  const now = options.now ?? Date.now;
  const state = new Map<string, { nextAt: number; pause: EmbeddingPause }>();
  return {
    due: (workspaceId) => (state.get(workspaceId)?.nextAt ?? 0) <= now(),
    failed(workspaceId, error) {
      const failures = (state.get(workspaceId)?.pause.failures ?? 0) + 1;
      const delay = Math.min(maxMs, options.baseMs * 2 ** Math.min(failures - 1, 30));
      const nextAt = now() + delay;
      const pause = { ...describe(error), failures, retry_at: new Date(nextAt).toISOString() };
      if (state.size > 10_000) state.clear();
      state.set(workspaceId, { nextAt, pause });
      return { pause, delay_ms: delay };
    },
    reset: (workspaceId) => {
      state.delete(workspaceId);
    },
    pause: (workspaceId) => state.get(workspaceId)?.pause,
  };
}
