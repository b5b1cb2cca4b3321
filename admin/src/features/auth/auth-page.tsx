import { signInSchema, signUpFormSchema } from '@clara/contract';
import { type FormEvent, useEffect, useState } from 'react';
import { Notice } from '../../components/page-header';
import { api, errorMessage } from '../../lib/api';
import { AuthCard } from './auth-card';
import { type Session, useSession } from './session';

/** Sign in, or create an account (which creates the owner's workspace). */
export function AuthPage() {
  const { setSession } = useSession();
  // An invite link (`clara owner invite`) opens the sign-up form and sends the invite with it.
  const query = new URLSearchParams(window.location.search);
  const invite = query.get('invite') ?? undefined;
  // The invite is bound to the email it names (`&email=`): prefilled and locked.
  const invitedEmail = (invite && query.get('email')) || undefined;
  const [chosen, setMode] = useState<'sign-in' | 'sign-up'>(invite ? 'sign-up' : 'sign-in');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signUp = useSignUpPolicy();
  // Without an invite in the URL, a server where sign-up needs one says so instead of the form.
  const refusal = invite ? null : signUp;
  const mode = refusal ? 'sign-in' : chosen;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const schema = mode === 'sign-in' ? signInSchema : signUpFormSchema;
    const parsed = schema.safeParse({ ...form, workspace_name: form.workspace_name || undefined });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the form.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('GET', '/auth/session'); // makes sure the CSRF cookie is set
      const body = mode === 'sign-up' && invite ? { ...parsed.data, invite } : parsed.data;
      const session = await api<Session>('POST', `/auth/${mode}`, body);
      if (invite) dropInviteFromUrl();
      setSession(session);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title={mode === 'sign-in' ? 'Sign in to your workspace' : 'Create your workspace'}
      onSubmit={submit}
      email={invitedEmail}
      emailLocked={mode === 'sign-up' && invitedEmail !== undefined}
    >
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          required
        />
      </label>
      {mode === 'sign-up' ? (
        <label>
          <span>
            Workspace name <span className="muted">(optional)</span>
          </span>
          <input name="workspace_name" placeholder="My Chatbot" />
        </label>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      <button className="primary" type="submit" disabled={busy}>
        {busy ? 'Please wait…' : mode === 'sign-in' ? 'Sign in' : 'Create account'}
      </button>
      {refusal ? (
        <p className="muted center" data-testid="sign-up-refusal">
          New to Clara? {refusal}
        </p>
      ) : (
        <p className="muted center">
          {mode === 'sign-in' ? 'New to Clara? ' : 'Already have an account? '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setMode(mode === 'sign-in' ? 'sign-up' : 'sign-in');
              setError(null);
            }}
          >
            {mode === 'sign-in' ? 'Create an account' : 'Sign in'}
          </button>
        </p>
      )}
    </AuthCard>
  );
}

/**
 * Why a sign-up without an invite cannot succeed here (`GET /api/auth/config`'s `signup_open`:
 * invite-only once the first owner exists, or closed), or null when it can or is not known yet.
 */
function useSignUpPolicy(): string | null {
  const [refusal, setRefusal] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<{ signup?: string; signup_open?: boolean }>('GET', '/auth/config')
      .then((config) => {
        if (!live || config.signup_open !== false) return;
        setRefusal(
          config.signup === 'closed'
            ? 'Sign-up is closed on this server: an administrator creates accounts.'
            : 'Sign-up is by invitation on this server: ask the owner for an invite link.',
        );
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return refusal;
}

/** After signing up with an invite link, the address bar no longer carries the (used) invite. */
function dropInviteFromUrl() {
  const url = new URL(window.location.href);
  url.searchParams.delete('invite');
  url.searchParams.delete('email');
  window.history.replaceState(window.history.state, '', url);
}
