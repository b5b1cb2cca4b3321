import { ClaraError } from '@clara/core';
import { findUserByEmail, isServerOwner } from '@clara/supabase';
import { z } from 'zod';
import type { OwnerState } from '../../auth';
import { issueOwnerInvite } from '../../auth/owner-invite';
import { validatedBody } from '../../http/validated-body';
import type { RegisterRuntimeRoutes } from '../runtime-deps';

const inviteBody = z.strictObject({
  email: z.email('Enter the email address of the person to invite.').max(320),
  days: z
    .number()
    .int('Days are a whole number.')
    .min(1, 'An invite lasts 1 to 90 days.')
    .max(90, 'An invite lasts 1 to 90 days.')
    .default(7),
});

/**
 * `POST /api/admin/owner-invites` `{ email, days = 7 }` → 201 `{ email, expires_at, sign_up_url }`:
 * the server's owner (the first account created on this server, see `isServerOwner`) invites
 * someone to create a new, separate Clara account with its own workspace (not access to this
 * one), as `clara owner invite` does (the same `issueOwnerInvite`): the link opens the admin's
 * sign-up form with the invite. Any other owner is refused (403): invites are the operator's
 * gate, not something every tenant may hand out. An email that already has an account is
 * refused (409); with Supabase Auth owners are invited there (400).
 */
export const registerOwnerInviteRoutes: RegisterRuntimeRoutes = (router, deps) => {
  router.post('/owner-invites', async (ctx) => {
    if (deps.config.supabase) {
      throw new ClaraError('bad_request', 'Owners sign in with Supabase Auth here: invite them there.');
    }
    const { owner } = ctx.state as OwnerState;
    if (!(await isServerOwner(deps.db, owner.id))) {
      throw new ClaraError(
        'forbidden',
        "Only the server's owner (the first account created on this server) can invite new accounts.",
      );
    }
    const body = await validatedBody(ctx, inviteBody, 4 * 1024);
    const email = body.email.toLowerCase();
    if (await findUserByEmail(deps.db, email)) {
      throw new ClaraError('conflict', `An owner account already has the email ${email}: they can sign in.`);
    }
    const baseUrl = deps.publicUrl ? new URL(deps.publicUrl).origin : `${ctx.protocol}://${ctx.host}`;
    const { invite: _signed, ...issued } = issueOwnerInvite(deps.masterKey, {
      email,
      days: body.days,
      baseUrl,
    });
    ctx.status = 201;
    ctx.body = {
      ...issued,
      ...(deps.config.signup.mode === 'invite'
        ? {}
        : {
            note: `Sign-up is ${deps.config.signup.mode} on this server: invites are only needed with invite.`,
          }),
    };
  });
};
