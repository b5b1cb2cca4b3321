import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LlmHarness, startLlmHarness } from '../../test/resilience/harness';
import { auditStore, runLoad } from '../../test/resilience/load-scenario';
import { report } from '../../test/resilience/report';

// `npm test`: 100 sessions x 10 turns, then the same with retries, client cuts and duplicates.
// `npm run soak` runs 100 x 20 of each (load.soak.ts) and more with CLARA_SOAK_SCALE.
const sessions = Number(process.env.CLARA_LOAD_SESSIONS ?? '100');
const turns = Number(process.env.CLARA_LOAD_TURNS ?? '10');
const chaosSessions = Number(process.env.CLARA_CHAOS_SESSIONS ?? '40');

let h: LlmHarness;
beforeAll(async () => {
  h = await startLlmHarness();
});
afterAll(async () => {
  await h?.close();
});

async function loadCase(name: string, n: number, chaos: boolean, seed: number) {
  const started = performance.now();
  const workspaceId = chaos ? (await h.addWorkspace()).workspaceId : h.workspaceId;
  const result = await runLoad({ url: h.server.url, workspaceId, sessions: n, turns, seed, chaos });
  const audit = await auditStore(h.server.db, workspaceId, result.ledger);
  report(name, {
    sessions: n,
    turns,
    deliveries: result.deliveries,
    requests: result.requests,
    seconds: Math.round((performance.now() - started) / 1000),
    stored: audit.stored,
    lost: audit.lost,
    gaps: audit.gaps,
  });
  expect(audit.problems.slice(0, 20)).toEqual([]);
  expect(audit.sessions).toBe(n);
  expect(audit.stored).toBe(n * turns * 2);
  expect(audit.gaps).toBeGreaterThan(0);
  expect((await fetch(`${h.server.url}/health`)).status).toBe(200);
}

describe('load against the real server and a streaming fake LLM', () => {
  it(`${sessions} concurrent sessions x ${turns} turns: every message stored once, in order, every gap once`, async () => {
    await loadCase('load', sessions, false, 1);
    expect(h.fake.requests.length).toBeGreaterThan(0);
  }, 900_000);

  it(`${chaosSessions} sessions x ${turns} turns, each turn repeated, cut by the client or sent twice at once: still exactly once`, async () => {
    await loadCase('retries-and-duplicates', chaosSessions, true, 2);
  }, 900_000);
});
