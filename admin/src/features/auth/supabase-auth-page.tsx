import { signInSchema } from '@clara/contract';
import type { SupabaseClient } from '@supabase/supabase-js';
import { type FormEvent, useState } from 'react';
import { Notice } from '../../components/page-header';
import { errorMessage } from '../../lib/api';
import { AuthCard } from './auth-card';
import { useSession } from './session';

/** Sign-in through Supabase Auth: email + password, or a magic link sent by email. */
export function SupabaseAuthPage({ client }: { client: SupabaseClient }) {
  const { refresh } = useSession();
  const [method, setMethod] = useState<'password' | 'magic-link'>('password');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const email = (form.email ?? '').trim();
    const parsed = signInSchema.safeParse({
      email,
      password: method === 'password' ? form.password : 'x',
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the form.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (method === 'password') {
        const { error: failed } = await client.auth.signInWithPassword({
          email,
          password: form.password ?? '',
        });
        if (failed)
          throw new Error(
            failed.message === 'Invalid login credentials' ? 'Wrong email or password.' : failed.message,
          );
        await refresh();
      } else {
        const { error: failed } = await client.auth.signInWithOtp({
          email,
          options: { emailRedirectTo: `${window.location.origin}/admin/`, shouldCreateUser: true },
        });
        if (failed) throw new Error(failed.message);
        setSent(email);
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title={'Sign in to your workspace'} onSubmit={submit}>
      {method === 'password' ? (
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {sent ? <Notice kind="success">Check {sent}: we sent you a sign-in link.</Notice> : null}
      <button className="primary" type="submit" disabled={busy}>
        {busy ? 'Please wait…' : method === 'password' ? 'Sign in' : 'Email me a sign-in link'}
      </button>
      <p className="muted center">
        <button
          type="button"
          className="link"
          onClick={() => {
            setMethod(method === 'password' ? 'magic-link' : 'password');
            setError(null);
            setSent(null);
          }}
        >
          {method === 'password' ? 'Email me a sign-in link instead' : 'Sign in with a password'}
        </button>
      </p>
    </AuthCard>
  );
}
