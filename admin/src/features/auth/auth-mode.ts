import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import { api, setBearerProvider } from '../../lib/api';

/** `GET /api/auth/config`: how this server signs owners in (public values only). */
const authConfigSchema = z.union([
  z.object({ auth: z.literal('embedded') }),
  z.object({ auth: z.literal('supabase'), supabase: z.object({ url: z.url(), anon_key: z.string() }) }),
]);

/** The sign-in in use: Clara's own accounts, or Supabase Auth with its client. */
export type AuthMode = { kind: 'embedded' } | { kind: 'supabase'; client: SupabaseClient };

/**
 * Reads the server's auth config; in Supabase mode creates the supabase-js client (loaded on
 * demand, so embedded installs never download it) and sends its access token as
 * `Authorization: Bearer` on every API call.
 */
export async function loadAuthMode(): Promise<AuthMode> {
  const parsed = authConfigSchema.safeParse(
    await api('GET', '/auth/config').catch(() => ({ auth: 'embedded' })),
  );
  if (!parsed.success || parsed.data.auth === 'embedded') return { kind: 'embedded' };
  const { createClient } = await import('@supabase/supabase-js');
  const client = createClient(parsed.data.supabase.url, parsed.data.supabase.anon_key, {
    auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: true },
  });
  setBearerProvider(async () => (await client.auth.getSession()).data.session?.access_token ?? null);
  return { kind: 'supabase', client };
}
