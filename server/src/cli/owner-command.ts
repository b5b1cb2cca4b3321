import { ClaraError } from '@clara/core';
import { findUserByEmail, revokeUserAuthSessions, setUserPassword } from '@clara/supabase';
import { z } from 'zod';
import { hashPassword } from '../auth/password';
import type { Runtime } from '../runtime';
import { out, UsageError } from './output';

/** The `clara owner` lines of `clara --help`. */
export const ownerHelp = `  clara owner reset-password --email E --password P|-
                                           set an owner's password (- reads it from stdin) and end all their sessions`;

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
 * `clara owner reset-password`: the embedded-mode way back into an account (there is no
 * email to send a link to). Every session of the account is ended.
 */
export async function ownerCommand(
  runtime: Runtime,
  sub: string | undefined,
  values: Record<string, unknown>,
): Promise<void> {
  if (sub !== 'reset-password') throw new UsageError('did you mean: clara owner reset-password');
  if (runtime.config.supabase) {
    throw new ClaraError('bad_request', 'Owners sign in with Supabase Auth here: reset the password there.');
  }
  const password = values.password === '-' ? await readStdin() : values.password;
  const parsed = resetArgs.safeParse({ email: values.email, password });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const user = await findUserByEmail(runtime.db, parsed.data.email);
  if (!user) throw new ClaraError('not_found', `No owner has the email ${parsed.data.email}.`);
  const hash = await hashPassword(parsed.data.password);
  const ended = await runtime.db.transaction(async (tx) => {
    await setUserPassword(tx, user.id, hash);
    return revokeUserAuthSessions(tx, user.id);
  });
  out.json({ owner_id: user.id, sessions_ended: ended });
}
