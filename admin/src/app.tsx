import { Layout } from './components/layout';
import { AuthPage } from './features/auth/auth-page';
import { SessionProvider, useSession } from './features/auth/session';
import { SupabaseAuthPage } from './features/auth/supabase-auth-page';
import { usePath } from './lib/router';
import { pageFor } from './routes';

function Shell() {
  const { session, loading, mode } = useSession();
  const path = usePath();
  if (loading) return <div className="loading-screen">Loading…</div>;
  if (!session) return mode.kind === 'supabase' ? <SupabaseAuthPage client={mode.client} /> : <AuthPage />;
  const Page = pageFor(path);
  return (
    <Layout path={path}>
      <Page />
    </Layout>
  );
}

/** The admin app. */
export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}
