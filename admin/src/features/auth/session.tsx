import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, onUnauthorized } from '../../lib/api';
import { queryClient } from '../../lib/query-client';
import { type AuthMode, loadAuthMode } from './auth-mode';

/** The signed-in owner and their workspace. */
export interface Session {
  /** `server_owner`: the first account created on this server, who alone makes owner invites. */
  user: { id: string; email: string; server_owner?: boolean };
  workspace: { id: string; name: string };
}

interface SessionState {
  session: Session | null;
  loading: boolean;
  /** Embedded accounts, or Supabase Auth (known once loading is over). */
  mode: AuthMode;
  setSession(session: Session | null): void;
  /** Reloads `/api/auth/session` (after a Supabase sign-in: creates the workspace on first use). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

type SessionBody = { user: Session['user'] | null; workspace: Session['workspace'] | null };
const toSession = (s: SessionBody): Session | null =>
  s.user && s.workspace ? { user: s.user, workspace: s.workspace } : null;

/** Loads the auth mode and `/api/auth/session` (which also sets the CSRF cookie) and tracks sign-in state. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const [mode, setMode] = useState<AuthMode>({ kind: 'embedded' });
  // One owner's cached pages are never shown to the next one signed in on this tab.
  const ownerId = session?.user.id ?? null;
  useEffect(() => {
    if (ownerId === null) queryClient.clear();
  }, [ownerId]);
  const refresh = useCallback(async () => {
    setSession(await api<SessionBody>('GET', '/auth/session').then(toSession, () => null));
  }, []);
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    loadAuthMode()
      .then(async (m) => {
        setMode(m);
        if (m.kind === 'supabase') {
          // A magic link lands here with the token in the URL; supabase-js picks it up.
          const { data } = m.client.auth.onAuthStateChange((event) => {
            if (event === 'SIGNED_IN' || event === 'TOKEN_REFRESHED') void refresh();
            if (event === 'SIGNED_OUT') setSession(null);
          });
          unsubscribe = () => data.subscription.unsubscribe();
        }
        await refresh();
      })
      .catch(() => setSession(null))
      .finally(() => setLoading(false));
    const off = onUnauthorized(() => setSession(null));
    return () => {
      off();
      unsubscribe?.();
    };
  }, [refresh]);
  const signOut = useCallback(async () => {
    if (mode.kind === 'supabase') await mode.client.auth.signOut().catch(() => undefined);
    await api('POST', '/auth/sign-out').catch(() => undefined);
    setSession(null);
  }, [mode]);
  return (
    <SessionContext.Provider value={{ session, loading, mode, setSession, refresh, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

/** The session state (inside SessionProvider). */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
