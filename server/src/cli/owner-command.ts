import { ClaraError } from '@clara/core';
import { findUserByEmail, revokeUserAuthSessions, setUserPassword } from '@clara/supabase';
import { z } from 'zod';
import { issueOwnerInvite } from '../auth/owner-invite';
import { hashPassword } from '../auth/password';
import type { Config } from '../config/load-config';
import type { Runtime } from '../runtime';
import { resolveMasterKey } from '../vault';
import { describeBaseUrl, inviteBaseUrl } from './invite-base-url';
import { accountExists } from './invite-existing-account';
import { out, UsageError } from './output';
import { parseFlags } from './parse-flags';

/** The `clara owner` lines of `clara --help`. */
export const ownerHelp = `  clara owner reset-password --email E --password P|-
                                           set an owner's password (- reads it from stdin) and end all their sessions
  clara owner invite --email E [--days N] [--base-url URL | --port N]
                                           an invite to sign up (CLARA_SIGNUP=invite); works while the server runs;
                                           the link's base: --base-url, else CLARA_PUBLIC_URL, else the server's URL`;

const resetArgs = z.object({
  email: z.email('--email must be an email address'),
  password: z.string().min(8, '--password must be at least 8 characters').max(200),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * `clara owner …`'s flags, checked before the database is opened or the master key read. `--password -`
 * is read from stdin here; the values come back with it in place.
 */
export async function checkOwnerArgs(
  sub: string | undefined,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (sub === 'invite') {
    parseFlags(inviteArgs, { email: values.email, days: values.days });
    return values;
  }
  if (sub !== 'reset-password') throw new UsageError('did you mean: clara owner reset-password (or invite)');
  const password = values.password === '-' ? await readStdin() : values.password;
  parseFlags(resetArgs, { email: values.email, password });
  return { ...values, password };
}

/**
 * `clara owner reset-password`: the embedded-mode way back into an account (there is no
 * email to send a link to). Every session of the account is ended.
 */
export async function ownerCommand(
  runtime: Pick<Runtime, 'config' | 'db'>,
  sub: string | undefined,
  values: Record<string, unknown>,
): Promise<void> {
  if (sub !== 'reset-password') throw new UsageError('did you mean: clara owner reset-password (or invite)');
  const checked = await checkOwnerArgs(sub, values);
  if (runtime.config.supabase) {
    throw new ClaraError('bad_request', 'Owners sign in with Supabase Auth here: reset the password there.');
  }
  const { email, password } = parseFlags(resetArgs, checked);
  const user = await findUserByEmail(runtime.db, email);
  if (!user) throw new ClaraError('not_found', `No owner has the email ${email}.`);
  const hash = await hashPassword(password);
  const ended = await runtime.db.transaction(async (tx) => {
    await setUserPassword(tx, user.id, hash);
    return revokeUserAuthSessions(tx, user.id);
  });
  out.json({ owner_id: user.id, sessions_ended: ended });
}

const inviteArgs = z.object({
  email: z.email('--email must be an email address'),
  days: z.coerce.number().int().min(1, '--days must be 1-90').max(90, '--days must be 1-90').default(7),
});

/**
 * `clara owner invite`: an invite for one email (`CLARA_SIGNUP=invite`, the default
 * once the first owner exists). It needs only the master key, so it works while the server
 * runs; when the database can be read (DATABASE_URL, or an embedded one no server holds) an
 * email that already has an account is refused (exit 1), otherwise (a server holds it, or
 * DATABASE_URL's database is down or silent for 3 s) a note says it was not checked and why.
 */
export async function ownerInviteCommand(config: Config, values: Record<string, unknown>) {
  if (config.supabase) {
    throw new ClaraError('bad_request', 'Owners sign in with Supabase Auth here: invite them there.');
  }
  const args = parseFlags(inviteArgs, { email: values.email, days: values.days });
  const base = inviteBaseUrl(config, values);
  const loaded = await resolveMasterKey({
    dataDir: config.dataDir,
    envKey: config.encryptionKey,
    logger: { info: () => {}, warn: (_fields, message) => out.note(message ?? '') },
    production: Boolean(config.databaseUrl),
    needsKey: true,
  });
  if (!loaded) throw new Error('unreachable: a needed master key is never null');
  const { key } = loaded;
  const email = args.email.toLowerCase();
  // An invite for an existing account could only end in a 409 at sign-up: say so now.
  const exists = await accountExists(config, email);
  if (exists === true) {
    throw new ClaraError(
      'conflict',
      `An owner account already has the email ${email}: no invite issued. They can sign in at ${base.url}/admin/ (clara owner reset-password sets a new password).`,
    );
  }
  if (typeof exists === 'object') {
    out.note(
      `could not check whether ${email} already has an account (${exists.unknown}); the invite is issued, and an existing account is refused at sign-up`,
    );
  }
  // The same invite the admin's Settings → Invite an owner issues.
  const issued = issueOwnerInvite(key, { email, days: args.days, baseUrl: base.url });
  out.note(describeBaseUrl(base));
  return {
    ...issued,
    base_url: base.url,
    ...(config.signup.mode === 'invite'
      ? {}
      : { note: `CLARA_SIGNUP is ${config.signup.mode}: invites are only needed with invite` }),
  };
}
