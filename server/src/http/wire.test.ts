import type { ImportJob } from '@clara/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptsContract, wire } from './wire';

describe('wire', () => {
  it('passes a body through and checks it against the contract at compile time', () => {
    const job = {
      id: 'j',
      status: 'done' as const,
      phase: 'done' as const,
      done: 1,
      saved: 1,
      total: 1,
      result: null,
      error: null,
    };
    expect(wire<{ job: ImportJob }>()({ job })).toEqual({ job });
    const pair = { id: 'p', created_at: new Date(0) };
    expect(wire<{ pair: { id: string; created_at: string } }>()({ pair })).toEqual({ pair });
    // @ts-expect-error a number where the contract says string does not compile
    wire<{ id: string }>()({ id: 1 });
  });

  it('acceptsContract: a schema that refuses what the contract allows does not compile', () => {
    const schema = z.object({ question: z.string().min(3), allow_duplicate: z.boolean().default(false) });
    expect(acceptsContract<{ question: string }>()(schema)).toBe(schema);
    // @ts-expect-error the contract allows a number the schema would refuse
    acceptsContract<{ question: string | number }>()(schema);
  });
});
