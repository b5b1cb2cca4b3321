import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import {
  claimChannelEvent,
  deleteChannelConnection,
  findChannelConnection,
  listChannelConnections,
  setChannelConnectionActive,
  upsertChannelConnection,
} from './channel-connections';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let one: string;
let two: string;

beforeAll(async () => {
  db = await createTestDatabase();
  one = (await createWorkspace(db, (await createUser(db, 'one@example.com', 'x')).id)).id;
  two = (await createWorkspace(db, (await createUser(db, 'two@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

describe('channel-connections repo', () => {
  it('upserts by (channel, external id): a second add rebinds, re-keys and reactivates', async () => {
    const first = await upsertChannelConnection(db, {
      workspaceId: one,
      channel: 'slack',
      externalId: 'T1',
      encryptedCredentials: 'a',
      label: 'Acme',
    });
    expect(await setChannelConnectionActive(db, one, first.id, false)).toBe(true);
    expect(await findChannelConnection(db, 'slack', 'T1')).toBeNull();
    const again = await upsertChannelConnection(db, {
      workspaceId: two,
      channel: 'slack',
      externalId: 'T1',
      encryptedCredentials: 'b',
    });
    expect(again).toMatchObject({
      id: first.id,
      workspace_id: two,
      encrypted_credentials: 'b',
      label: 'Acme',
      is_active: true,
    });
    expect((await findChannelConnection(db, 'slack', 'T1'))?.workspace_id).toBe(two);
    expect(await findChannelConnection(db, 'teams', 'T1')).toBeNull();
  });

  it('lists per channel and workspace, and only the owning workspace can change a row', async () => {
    const row = await upsertChannelConnection(db, {
      workspaceId: one,
      channel: 'slack',
      externalId: 'T2',
      encryptedCredentials: 'c',
    });
    expect((await listChannelConnections(db, 'slack')).map((r) => r.external_id).sort()).toEqual([
      'T1',
      'T2',
    ]);
    expect(
      (await listChannelConnections(db, 'slack', { workspaceId: one })).map((r) => r.external_id),
    ).toEqual(['T2']);
    expect(await setChannelConnectionActive(db, two, row.id, false)).toBe(false);
    expect(await deleteChannelConnection(db, two, row.id)).toBe(false);
    expect(await deleteChannelConnection(db, one, row.id)).toBe(true);
    expect(await listChannelConnections(db, 'slack', { workspaceId: one, includeInactive: true })).toEqual(
      [],
    );
  });

  it('claims an event id once per channel', async () => {
    expect(await claimChannelEvent(db, 'slack', 'event:Ev1', one)).toBe(true);
    expect(await claimChannelEvent(db, 'slack', 'event:Ev1', one)).toBe(false);
    expect(await claimChannelEvent(db, 'teams', 'event:Ev1', one)).toBe(true);
  });
});
