import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { createTestDatabase } from '../testing';
import { insertApiKey } from './api-keys';
import { upsertChannelConnection } from './channel-connections';
import { hasSealedSecrets, sampleSealedSecret } from './sealed-secrets';
import { createUser } from './users';
import { createWorkspace } from './workspaces';

let db: Database;
let workspaceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  workspaceId = (await createWorkspace(db, (await createUser(db, 'sealed@example.com', 'x')).id)).id;
});
afterAll(() => db.close());

describe('hasSealedSecrets', () => {
  it('is false with no key or channel credential, true once either is stored', async () => {
    expect(await hasSealedSecrets(db)).toBe(false);
    expect(await sampleSealedSecret(db)).toBeNull();
    const connection = await upsertChannelConnection(db, {
      workspaceId,
      channel: 'slack',
      externalId: 'T-SEALED',
      encryptedCredentials: 'sealed-credentials',
      label: 'Acme',
    });
    expect(await hasSealedSecrets(db)).toBe(true);
    expect(await sampleSealedSecret(db)).toBe('sealed-credentials');
    await db.query('DELETE FROM channel_connections WHERE id = $1', [connection.id]);
    expect(await hasSealedSecrets(db)).toBe(false);
    await db.transaction((tx) =>
      insertApiKey(tx, workspaceId, {
        provider: 'openai',
        model: 'gpt-4o',
        encryptedKey: 'sealed',
        keyLast4: 'abcd',
        isDefault: true,
      }),
    );
    expect(await hasSealedSecrets(db)).toBe(true);
    expect(await sampleSealedSecret(db)).toBe('sealed');
  });
});
