import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { withOwner } from '../owner-scope';
import { createTestDatabase } from '../testing';
import { dismissChannelConnectionMove, listChannelConnectionMoves } from './channel-connection-moves';
import {
  type ConnectedChannel,
  deleteChannelConnection,
  upsertChannelConnection,
} from './channel-connections';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function owner() {
  const user = await createUser(db, `moves-${randomUUID()}@example.com`, 'x');
  return { user, ws: (await createWorkspace(db, user.id)).id };
}

const connect = (
  workspaceId: string,
  externalId: string,
  label?: string,
  channel: ConnectedChannel = 'slack',
) => upsertChannelConnection(db, { workspaceId, channel, externalId, encryptedCredentials: 'sealed', label });

const allMoves = (externalId: string) =>
  db.query<{ workspace_id: string }>('SELECT * FROM channel_connection_moves WHERE external_id = $1', [
    externalId,
  ]);

describe('channel_connection_moves', () => {
  it('records a move for the workspace that lost the connection, never for the one that took it', async () => {
    const a = await owner();
    const b = await owner();
    await connect(a.ws, 'TMOVE1', 'Acme');
    // Reconnecting (new credentials, new label) by the same workspace is not a move.
    await connect(a.ws, 'TMOVE1', 'Acme HQ');
    expect(await allMoves('TMOVE1')).toEqual([]);

    await connect(b.ws, 'TMOVE1');
    const rows = await allMoves('TMOVE1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      workspace_id: a.ws,
      channel: 'slack',
      external_id: 'TMOVE1',
      label: 'Acme HQ',
      dismissed_at: null,
    });
    // Nothing in the row names the workspace (or owner) that took it.
    expect(JSON.stringify(rows)).not.toContain(b.ws);
    expect(JSON.stringify(rows)).not.toContain(b.user.id);

    const listed = await listChannelConnectionMoves(db, a.ws);
    expect(listed.map((m) => [m.channel, m.external_id, m.label])).toEqual([['slack', 'TMOVE1', 'Acme HQ']]);
    expect(listed[0]?.moved_at).toBeInstanceOf(Date);
    expect(await listChannelConnectionMoves(db, b.ws)).toEqual([]);
    // B reconnecting is not a move either; the label coalesces, the row is still one.
    await connect(b.ws, 'TMOVE1', 'Renamed');
    expect(await allMoves('TMOVE1')).toHaveLength(1);
  });

  it('lists newest first, hides dismissed, old and since-reconnected moves', async () => {
    const a = await owner();
    const b = await owner();
    for (const id of ['TOLD', 'TMID', 'TNEW', 'TBACK']) {
      await connect(a.ws, id, id.toLowerCase());
      await connect(b.ws, id);
    }
    await db.query(
      `UPDATE channel_connection_moves SET moved_at = now() - CASE external_id
         WHEN 'TOLD' THEN interval '91 days' WHEN 'TMID' THEN interval '2 days' ELSE interval '0' END
       WHERE workspace_id = $1`,
      [a.ws],
    );
    await db.query(
      "UPDATE channel_connection_moves SET moved_at = moved_at - interval '1 hour' WHERE external_id = 'TBACK'",
    );
    expect((await listChannelConnectionMoves(db, a.ws)).map((m) => m.external_id)).toEqual([
      'TNEW',
      'TBACK',
      'TMID',
    ]);
    // A takes TBACK back: B now has a move, and A's is no longer shown.
    await connect(a.ws, 'TBACK');
    expect((await listChannelConnectionMoves(db, a.ws)).map((m) => m.external_id)).toEqual(['TNEW', 'TMID']);
    expect((await listChannelConnectionMoves(db, b.ws)).map((m) => m.external_id)).toEqual(['TBACK']);

    const [tnew] = await listChannelConnectionMoves(db, a.ws);
    expect(await dismissChannelConnectionMove(db, b.ws, tnew?.id ?? '')).toBe(false);
    expect(await dismissChannelConnectionMove(db, a.ws, tnew?.id ?? '')).toBe(true);
    expect(await dismissChannelConnectionMove(db, a.ws, tnew?.id ?? '')).toBe(true);
    expect(await dismissChannelConnectionMove(db, a.ws, randomUUID())).toBe(false);
    expect((await listChannelConnectionMoves(db, a.ws)).map((m) => m.external_id)).toEqual(['TMID']);
  });

  it('lost, taken back and lost again is one notice (the latest); dismissing it leaves none', async () => {
    const a = await owner();
    const b = await owner();
    await connect(a.ws, 'TTWICE', 'Twice');
    await connect(b.ws, 'TTWICE');
    await db.query(
      "UPDATE channel_connection_moves SET moved_at = moved_at - interval '1 day' WHERE external_id = 'TTWICE'",
    );
    await connect(a.ws, 'TTWICE');
    await connect(b.ws, 'TTWICE');
    expect(
      (await allMoves('TTWICE')).filter((m) => m.workspace_id === a.ws),
      'both moves are recorded',
    ).toHaveLength(2);
    const listed = await listChannelConnectionMoves(db, a.ws);
    expect(listed).toHaveLength(1);
    const newest = await db.query<{ id: string }>(
      'SELECT id FROM channel_connection_moves WHERE workspace_id = $1 ORDER BY moved_at DESC LIMIT 1',
      [a.ws],
    );
    expect(listed[0]?.id).toBe(newest[0]?.id);
    expect(await dismissChannelConnectionMove(db, a.ws, listed[0]?.id ?? '')).toBe(true);
    expect(await listChannelConnectionMoves(db, a.ws)).toEqual([]);
  });

  it('a deleted or a Teams connection: a delete is no move, a Teams app id moving is', async () => {
    const a = await owner();
    const b = await owner();
    const row = await connect(a.ws, 'TDEL');
    expect(await deleteChannelConnection(db, a.ws, row.id)).toBe(true);
    await connect(b.ws, 'TDEL');
    expect(await allMoves('TDEL')).toEqual([]);

    const appId = randomUUID();
    await connect(a.ws, appId, 'Helpdesk bot', 'teams');
    await connect(b.ws, appId, undefined, 'teams');
    expect((await listChannelConnectionMoves(db, a.ws)).map((m) => [m.channel, m.label])).toEqual([
      ['teams', 'Helpdesk bot'],
    ]);
  });

  it('RLS: an owner reads and dismisses only their own moves, and cannot write any', async () => {
    const a = await owner();
    const b = await owner();
    await connect(a.ws, 'TRLS');
    await connect(b.ws, 'TRLS');
    const [move] = await listChannelConnectionMoves(db, a.ws);
    const asB = <T>(fn: Parameters<typeof withOwner<T>>[2]) => withOwner(db, { id: b.user.id }, fn);
    const asA = <T>(fn: Parameters<typeof withOwner<T>>[2]) => withOwner(db, { id: a.user.id }, fn);

    expect(await asB((tx) => tx.query('SELECT * FROM channel_connection_moves'))).toEqual([]);
    expect(await asB((tx) => listChannelConnectionMoves(tx, a.ws))).toEqual([]);
    expect(await asB((tx) => dismissChannelConnectionMove(tx, a.ws, move?.id ?? ''))).toBe(false);
    expect(await asA((tx) => listChannelConnectionMoves(tx, a.ws))).toHaveLength(1);

    // Owners cannot forge or rewrite moves, not even in their own workspace.
    await expect(
      asA((tx) =>
        tx.query(
          "INSERT INTO channel_connection_moves (workspace_id, channel, external_id) VALUES ($1, 'slack', 'TFAKE')",
          [a.ws],
        ),
      ),
    ).rejects.toThrow();
    await expect(
      asA((tx) =>
        tx.query("UPDATE channel_connection_moves SET external_id = 'TX' WHERE id = $1", [move?.id]),
      ),
    ).rejects.toThrow();

    expect(await asA((tx) => dismissChannelConnectionMove(tx, a.ws, move?.id ?? ''))).toBe(true);
    expect(await asA((tx) => listChannelConnectionMoves(tx, a.ws))).toEqual([]);
  });
});
