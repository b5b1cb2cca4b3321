import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  countWorkspaces,
  createUser,
  createWorkspace,
  findUserByEmail,
  markDemoOwner,
  workspaceExists,
} from '@clara/supabase';
import { hashPassword } from '../auth/password';
import { importQaPairs } from '../knowledge/import-qa-pairs';
import type { Runtime } from '../runtime';
import { demoBusiness, demoQaPairs } from './demo-kb';

export interface DemoLogin {
  email: string;
  password: string;
  workspace_id: string;
}

const demoEmail = 'demo@brightside.example';

/**
 * On the first start of an empty database, creates the demo owner, workspace and
 * knowledge base, and keeps the login in the data directory (mode 0600) for later starts.
 * The demo owner is marked so it does not count as the first owner of `CLARA_SIGNUP=invite`.
 */
export async function ensureDemo(
  runtime: Pick<Runtime, 'config' | 'db' | 'embedder'>,
): Promise<{ login: DemoLogin; created: boolean } | null> {
  const file = join(runtime.config.dataDir, 'demo-login.json');
  if (existsSync(file)) {
    const login = JSON.parse(readFileSync(file, 'utf8')) as DemoLogin;
    if (await workspaceExists(runtime.db, login.workspace_id)) {
      // Demo owners created before the mark existed get it now (they are not the first owner).
      const demoUser = await findUserByEmail(runtime.db, demoEmail);
      if (demoUser) await markDemoOwner(runtime.db, demoUser.id);
      return { login, created: false };
    }
  }
  if ((await countWorkspaces(runtime.db)) > 0) return null;

  const password = randomBytes(9).toString('base64url');
  const workspace = await runtime.db.transaction(async (tx) => {
    const user = await createUser(tx, demoEmail, await hashPassword(password));
    await markDemoOwner(tx, user.id);
    return createWorkspace(tx, user.id, { name: demoBusiness.name, settings: demoBusiness.settings });
  });
  await importQaPairs(
    runtime.db,
    runtime.embedder,
    workspace.id,
    demoQaPairs.map((pair, i) => ({ row: i + 2, pair })),
    { source: 'manual' },
  );
  const login: DemoLogin = { email: demoEmail, password, workspace_id: workspace.id };
  mkdirSync(runtime.config.dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  return { login, created: true };
}
