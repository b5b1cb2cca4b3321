import { describe, expect, it } from 'vitest';
import {
  type BreakerChange,
  createCircuitBreaker,
  tripsBreaker,
  withCircuitBreaker,
} from './circuit-breaker';
import { LlmError, type LlmErrorCode } from './llm-error';
import type { LanguageModel } from './types';

const error = (code: LlmErrorCode, status?: number) =>
  new LlmError(code, 'failed', { provider: 'openai', status });

describe('createCircuitBreaker', () => {
  it('opens on a provider failure, lets one trial through after the cool-down, doubles up to the maximum', () => {
    let t = 0;
    const changes: BreakerChange[] = [];
    const breaker = createCircuitBreaker({
      coolDownMs: 100,
      maxCoolDownMs: 300,
      now: () => t,
      onChange: (c) => changes.push(c),
    });
    expect(breaker.allow('k')).toBe(true);
    breaker.failure('k', error('unreachable'));
    expect(breaker.allow('k')).toBe(false);
    expect(breaker.allow('other')).toBe(true);
    t = 100;
    expect(breaker.allow('k')).toBe(true);
    // Only one trial at a time.
    expect(breaker.allow('k')).toBe(false);
    breaker.failure('k', error('timeout'));
    t = 250;
    expect(breaker.allow('k')).toBe(false);
    t = 300;
    expect(breaker.allow('k')).toBe(true);
    breaker.failure('k', error('auth', 401));
    t = 300 + 299;
    expect(breaker.allow('k')).toBe(false);
    t = 600;
    expect(breaker.allow('k')).toBe(true);
    breaker.success('k');
    expect(breaker.allow('k')).toBe(true);
    expect(changes.map((c) => (c.state === 'open' ? c.coolDownMs : c.state))).toEqual([
      100,
      200,
      300,
      'closed',
    ]);
  });

  it('a cancelled trial or a failure that is not the provider health lets the next caller try', () => {
    let t = 0;
    const breaker = createCircuitBreaker({ coolDownMs: 100, now: () => t });
    breaker.failure('k', error('provider_error', 503));
    t = 100;
    expect(breaker.allow('k')).toBe(true);
    breaker.release('k');
    expect(breaker.allow('k')).toBe(true);
    breaker.failure('k', error('rate_limited', 429));
    expect(breaker.allow('k')).toBe(true);
  });

  it('calls in flight when the circuit opens fail without doubling the cool-down or logging again', () => {
    let t = 0;
    const changes: BreakerChange[] = [];
    const breaker = createCircuitBreaker({ coolDownMs: 100, now: () => t, onChange: (c) => changes.push(c) });
    // Five concurrent calls, all let through while closed, all failing in the same blip.
    const allowed = [1, 2, 3, 4, 5].map(() => breaker.allow('k'));
    expect(allowed).toEqual([true, true, true, true, true]);
    for (let i = 0; i < 5; i++) breaker.failure('k', error('provider_error', 503));
    expect(changes).toEqual([expect.objectContaining({ state: 'open', key: 'k', coolDownMs: 100 })]);
    t = 99;
    expect(breaker.allow('k')).toBe(false);
    t = 100;
    expect(breaker.allow('k')).toBe(true);
    // The trial's failure still doubles.
    breaker.failure('k', error('timeout'));
    expect(changes.map((c) => (c.state === 'open' ? c.coolDownMs : c.state))).toEqual([100, 200]);
  });

  it('a call let through while closed that fails during the trial neither ends nor doubles it', async () => {
    let t = 0;
    const changes: BreakerChange[] = [];
    const breaker = createCircuitBreaker({ coolDownMs: 100, now: () => t, onChange: (c) => changes.push(c) });
    // Each call waits until the test fails it.
    const fails: (() => void)[] = [];
    const model: LanguageModel = {
      provider: 'openai',
      model: 'm',
      async *stream() {
        await new Promise<void>((resolve) => fails.push(resolve));
        yield* [];
        throw error('provider_error', 503);
      },
    };
    const guarded = withCircuitBreaker(model, breaker, 'k');
    const call = async () => {
      try {
        for await (const _ of guarded.stream({ messages: [] } as never)) void _;
      } catch (e) {
        return (e as LlmError).code;
      }
    };
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const straggler = call();
    const first = call();
    await settle();
    fails[1]?.();
    expect(await first).toBe('provider_error');
    t = 100;
    const trial = call();
    await settle();
    expect(fails).toHaveLength(3);
    // The call from before the circuit opened fails while the trial is in flight.
    fails[0]?.();
    expect(await straggler).toBe('provider_error');
    expect(await call()).toBe('circuit_open');
    expect(changes.map((c) => (c.state === 'open' ? c.coolDownMs : c.state))).toEqual([100]);
    fails[2]?.();
    expect(await trial).toBe('provider_error');
    expect(changes.map((c) => (c.state === 'open' ? c.coolDownMs : c.state))).toEqual([100, 200]);
  });

  it('is off with a cool-down of 0', () => {
    const breaker = createCircuitBreaker({ coolDownMs: 0 });
    breaker.failure('k', error('unreachable'));
    expect(breaker.allow('k')).toBe(true);
  });

  it('trips on unreachable, timeout, a rejected key and 5xx only', () => {
    expect(tripsBreaker(error('unreachable'))).toBe(true);
    expect(tripsBreaker(error('timeout'))).toBe(true);
    expect(tripsBreaker(error('auth', 403))).toBe(true);
    expect(tripsBreaker(error('provider_error', 502))).toBe(true);
    expect(tripsBreaker(error('provider_error', 400))).toBe(false);
    expect(tripsBreaker(error('rate_limited', 429))).toBe(false);
    expect(tripsBreaker(error('bad_stream'))).toBe(false);
    expect(tripsBreaker(error('aborted'))).toBe(false);
  });
});
