import { describe, expect, it } from 'vitest';
import { createLifecycle } from './lifecycle';

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('createLifecycle', () => {
  it('counts tracked work until it settles, resolved or rejected, and returns it unchanged', async () => {
    const lifecycle = createLifecycle();
    const ok = lifecycle.track(later(20).then(() => 'value'));
    const failed = lifecycle.track(later(10).then(() => Promise.reject(new Error('boom'))));
    expect(lifecycle.inFlight).toBe(2);
    await expect(failed).rejects.toThrow('boom');
    expect(lifecycle.inFlight).toBe(1);
    expect(await ok).toBe('value');
    expect(lifecycle.inFlight).toBe(0);
  });

  it('idle resolves true once everything settled, at once when nothing runs', async () => {
    const lifecycle = createLifecycle();
    expect(await lifecycle.idle(1)).toBe(true);
    lifecycle.track(later(30));
    const started = performance.now();
    expect(await lifecycle.idle(5_000)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('idle resolves false after the timeout, or when aborted, leaving the work counted', async () => {
    const lifecycle = createLifecycle();
    lifecycle.track(new Promise(() => {}));
    expect(await lifecycle.idle(20)).toBe(false);
    const abort = new AbortController();
    const waiting = lifecycle.idle(60_000, abort.signal);
    abort.abort();
    expect(await waiting).toBe(false);
    expect(lifecycle.inFlight).toBe(1);
  });

  it('drain is one-way', () => {
    const lifecycle = createLifecycle();
    expect(lifecycle.draining).toBe(false);
    lifecycle.drain();
    lifecycle.drain();
    expect(lifecycle.draining).toBe(true);
  });
});
