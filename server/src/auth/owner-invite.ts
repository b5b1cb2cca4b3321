import { deriveSessionSecret } from './session-secret';
import { createInvite } from './sign-up-guard';

/** An invite to sign up as an owner, as `clara owner invite` and the admin's Settings issue it. */
export interface IssuedOwnerInvite {
  email: string;
  invite: string;
  expires_at: string;
  /** The admin's sign-up form with the invite and its email filled in. */
  sign_up_url: string;
}

/**
 * Issues an invite for one email, valid for `days` days: signed with the master key's invite
 * secret (nothing is stored), checked by the sign-up guard at `POST /api/auth/sign-up`.
 */
export function issueOwnerInvite(
  masterKey: Buffer,
  input: { email: string; days: number; baseUrl: string },
  now = new Date(),
): IssuedOwnerInvite {
  const email = input.email.trim().toLowerCase();
  const expiresAt = new Date(now.getTime() + input.days * 86_400_000);
  const invite = createInvite(deriveSessionSecret(masterKey, 'invite'), email, expiresAt);
  const query = new URLSearchParams({ invite, email });
  return {
    email,
    invite,
    expires_at: expiresAt.toISOString(),
    sign_up_url: `${input.baseUrl.replace(/\/+$/, '')}/admin/?${query}`,
  };
}
