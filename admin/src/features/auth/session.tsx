import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, onUnauthorized } from '../../lib/api';

/** The signed-in owner and their workspace. */
export interface Session {
  user: { id: string; email: string };
  workspace: { id: string; name: string };
}

interface SessionState {
  session: Session | null;
  loading: boolean;
  setSession(session: Session | null): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Loads `/api/auth/session` (which also sets the CSRF cookie) and tracks sign-in state. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    api<{ user: Session['user'] | null; workspace: Session['workspace'] | null }>('GET', '/auth/session')
      .then((s) => setSession(s.user && s.workspace ? { user: s.user, workspace: s.workspace } : null))
      .catch(() => setSession(null))
      .finally(() => setLoading(false));
    return onUnauthorized(() => setSession(null));
  }, []);
  const signOut = useCallback(async () => {
    await api('POST', '/auth/sign-out').catch(() => undefined);
    setSession(null);
  }, []);
  return (
    <SessionContext.Provider value={{ session, loading, setSession, signOut }}>
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
