import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { claimChannelEvent } from './channel-connections';
import { pruneChannelEvents } from './channel-events';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let ws: string;
const day = 24 * 3600_000;

beforeAll(async () => {
  db = await createTestDatabase();
  ws = (await createWorkspace(db, (await createUser(db, 'events@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

/** Claims an event as if it had been received `daysAgo` days ago. */
async function claimAged(channel: 'slack' | 'teams', daysAgo: number): Promise<string> {
  const eventId = `${channel}-${randomUUID()}`;
  expect(await claimChannelEvent(db, channel, eventId, ws)).toBe(true);
  await db.query(
    `UPDATE channel_events SET received_at = now() - $1 * interval '1 day' WHERE channel = $2 AND event_id = $3`,
    [daysAgo, channel, eventId],
  );
  return eventId;
}

const remaining = async (ids: string[]) =>
  (
    await db.query<{ event_id: string }>(
      'SELECT event_id FROM channel_events WHERE event_id = ANY($1::text[]) ORDER BY event_id',
      [ids],
    )
  ).map((r) => r.event_id);

describe('pruneChannelEvents', () => {
  it('deletes the claims received before the cutoff, of both channels, and keeps the rest', async () => {
    const old = [await claimAged('slack', 9), await claimAged('teams', 8)];
    const recent = [await claimAged('slack', 1), await claimAged('teams', 0)];
    const pruned = await pruneChannelEvents(db, new Date(Date.now() - 7 * day));
    expect(pruned).toBeGreaterThanOrEqual(2);
    expect(await remaining([...old, ...recent])).toEqual([...recent].sort());
    // A pruned event id is a new event again (Slack never reuses one; Teams' redelivery is long past).
    expect(await claimChannelEvent(db, 'slack', old[0] as string, ws)).toBe(true);
    // A recent claim still refuses its redelivery.
    expect(await claimChannelEvent(db, 'teams', recent[1] as string, ws)).toBe(false);
  });

  it('works in batches of `limit`, oldest first', async () => {
    const cutoff = new Date(Date.now() - 7 * day);
    await pruneChannelEvents(db, cutoff);
    const ids = [await claimAged('teams', 12), await claimAged('teams', 11), await claimAged('teams', 10)];
    expect(await pruneChannelEvents(db, cutoff, 2)).toBe(2);
    expect(await remaining(ids)).toEqual([ids[2]]);
    expect(await pruneChannelEvents(db, cutoff, 2)).toBe(1);
    expect(await pruneChannelEvents(db, cutoff, 2)).toBe(0);
  });

  it('two prunes at once delete each claim once and fail nothing', async () => {
    const cutoff = new Date(Date.now() - 7 * day);
    await pruneChannelEvents(db, cutoff);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await claimAged(i % 2 ? 'slack' : 'teams', 8 + i));
    const [a, b] = await Promise.all([pruneChannelEvents(db, cutoff, 5), pruneChannelEvents(db, cutoff, 50)]);
    let rest = 0;
    for (;;) {
      const n = await pruneChannelEvents(db, cutoff, 5);
      if (n === 0) break;
      rest += n;
    }
    expect(a + b + rest).toBe(20);
    expect(await remaining(ids)).toEqual([]);
  });
});
