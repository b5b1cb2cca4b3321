import { isLlmError, LlmError } from './llm-error';
import type { LanguageModel } from './types';

/** What a breaker reports when it changes state (logged once per change, not per turn). */
export type BreakerChange =
  | { state: 'open'; key: string; coolDownMs: number; reason: Record<string, unknown> }
  | { state: 'closed'; key: string };

export interface CircuitBreakerOptions {
  /** First cool-down after a failure. Default 30 000 ms; 0 turns the breaker off. */
  coolDownMs?: number | undefined;
  /** The cool-down doubles on each failed trial up to this. Default 300 000 ms. */
  maxCoolDownMs?: number | undefined;
  now?: () => number;
  onChange?: (change: BreakerChange) => void;
}

interface Circuit {
  coolDownMs: number;
  openUntil: number;
  /** A half-open trial is in flight: everyone else still skips the model. */
  trial: boolean;
}

/**
 * Per-key circuit breakers. After a failure that is the provider's or the network's
 * (unreachable, timeout, 5xx, a rejected key) the model is skipped for a cool-down,
 * then one trial call is let through: success closes the circuit, failure opens it for
 * twice as long (up to the maximum). State is in-process: each instance learns on its own.
 */
export interface CircuitBreaker {
  /** True when a call may go to the provider (closed, or this caller is the half-open trial). */
  allow(key: string): boolean;
  /** True while the key's circuit is open (cooling down, or its half-open trial in flight). */
  isOpen(key: string): boolean;
  success(key: string): void;
  /**
   * A call failed. `trial`: whether that call was the half-open trial (false: let through while
   * the circuit was closed); unknown, a failure while the circuit is open counts only when a
   * trial is in flight. Only the trial's failure (or the first one) opens the circuit and logs.
   */
  failure(key: string, error: LlmError, trial?: boolean): void;
  /** Ends a trial that proved nothing (cancelled, or a failure that is not the provider's health). */
  release(key: string, trial?: boolean): void;
  /** Drops every circuit whose key starts with `prefix` (e.g. a workspace whose keys changed). */
  forget(prefix: string): void;
}

/** Failures that say the provider (or the way to it, or the key) is not working right now. */
export function tripsBreaker(error: LlmError): boolean {
  if (error.code === 'unreachable' || error.code === 'timeout' || error.code === 'auth') return true;
  return error.code === 'provider_error' && error.status !== undefined && error.status >= 500;
}

/** Creates a set of circuit breakers, one per key, held in this process. */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const base = options.coolDownMs ?? 30_000;
  const max = Math.max(base, options.maxCoolDownMs ?? 300_000);
  const now = options.now ?? Date.now;
  const circuits = new Map<string, Circuit>();

  return {
    allow(key) {
      if (base <= 0) return true;
      const circuit = circuits.get(key);
      if (!circuit) return true;
      if (circuit.trial || now() < circuit.openUntil) return false;
      circuit.trial = true;
      return true;
    },
    isOpen(key) {
      return base > 0 && circuits.has(key);
    },
    success(key) {
      if (circuits.delete(key)) options.onChange?.({ state: 'closed', key });
    },
    failure(key, error, trial) {
      if (base <= 0 || !tripsBreaker(error)) return this.release(key, trial);
      const previous = circuits.get(key);
      // Already open and this was not the half-open trial: a call that was in flight when the
      // circuit opened (one provider blip fails them all). It says nothing new: no doubling, no log.
      if (previous && (trial === false || !previous.trial)) return;
      const coolDownMs = previous ? Math.min(max, previous.coolDownMs * 2) : base;
      circuits.set(key, { coolDownMs, openUntil: now() + coolDownMs, trial: false });
      if (circuits.size > 10_000) circuits.clear();
      options.onChange?.({ state: 'open', key, coolDownMs, reason: error.toLog() });
    },
    release(key, trial) {
      // A call let through while closed holds no trial: the one in flight goes on.
      if (trial === false) return;
      const circuit = circuits.get(key);
      if (circuit) circuit.trial = false;
    },
    forget(prefix) {
      for (const key of circuits.keys()) if (key.startsWith(prefix)) circuits.delete(key);
    },
  };
}

/**
 * The model behind a breaker: while its circuit is open, `stream` throws
 * LlmError('circuit_open') at once, without a request to the provider.
 */
export function withCircuitBreaker(
  model: LanguageModel,
  breaker: CircuitBreaker,
  key: string,
): LanguageModel {
  return {
    provider: model.provider,
    model: model.model,
    async *stream(request) {
      // Open before this call was allowed: if it is allowed, it is the half-open trial.
      const trial = breaker.isOpen(key);
      if (!breaker.allow(key)) {
        throw new LlmError('circuit_open', `${model.provider} failed recently; not asked again yet.`, {
          provider: model.provider,
        });
      }
      let settled = false;
      try {
        yield* model.stream(request);
        settled = true;
        breaker.success(key);
      } catch (error) {
        settled = true;
        if (isLlmError(error)) breaker.failure(key, error, trial);
        else breaker.release(key, trial);
        throw error;
      } finally {
        // The consumer stopped early: the trial proved nothing either way.
        if (!settled) breaker.release(key, trial);
      }
    },
  };
}
