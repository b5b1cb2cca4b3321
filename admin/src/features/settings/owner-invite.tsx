import { type FormEvent, useId, useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { Notice } from '../../components/page-header';
import { api, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format-date';
import { useSession } from '../auth/session';

interface IssuedInvite {
  email: string;
  expires_at: string;
  sign_up_url: string;
  note?: string;
}

/**
 * Settings → Invite an owner: an email and how many days → a sign-up link to send them
 * (`POST /api/admin/owner-invites`, the invite `clara owner invite` makes). The link creates a
 * new, separate Clara account with its own workspace, not access to this one. Clara sends no
 * email; the owner copies the link. Shown only to the server's owner (the first account created
 * on this server, `user.server_owner` of the session), and not with Supabase Auth (owners are
 * invited there).
 */
export function OwnerInvite() {
  const { mode, session } = useSession();
  const [issued, setIssued] = useState<IssuedInvite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const linkId = useId();
  if (mode.kind !== 'embedded' || session?.user.server_owner !== true) return null;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    setIssued(null);
    try {
      setIssued(
        await api<IssuedInvite>('POST', '/admin/owner-invites', {
          email: String(form.get('email') ?? '').trim(),
          days: Number(form.get('days') ?? 7),
        }),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form owner-invite" onSubmit={submit} noValidate aria-labelledby={`${linkId}-title`}>
      <h2 id={`${linkId}-title`}>Invite an owner</h2>
      <p className="muted small">
        Make a sign-up link that lets someone create a new, separate Clara account with its own workspace. It
        does not give them access to this workspace. Send the link yourself: Clara sends no email. It works
        for that email only, and is what <code>clara owner invite</code> prints. Only you, the server's owner,
        see this.
      </p>
      <label>
        Email
        <input name="email" type="email" autoComplete="off" required placeholder="new.owner@example.com" />
      </label>
      <label>
        Valid for (days)
        <input name="days" type="number" min={1} max={90} defaultValue={7} required />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary small" disabled={busy}>
          {busy ? 'Creating…' : 'Create invite link'}
        </button>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {issued ? (
        <div className="invite-link">
          <label htmlFor={linkId}>Sign-up link for {issued.email}</label>
          <input id={linkId} readOnly value={issued.sign_up_url} onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={issued.sign_up_url} label="Copy link" />
          <p className="muted small">Valid until {formatDateTime(issued.expires_at)}.</p>
          {issued.note ? <Notice kind="info">{issued.note}</Notice> : null}
        </div>
      ) : null}
    </form>
  );
}
