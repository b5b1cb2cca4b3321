import { z } from 'zod/mini';
import { newPassword, password, signUpFormSchema } from './auth';

// Bodies only the server validates, in a module of their own so the admin's bundle leaves them out.

/** `POST /api/auth/sign-up`: the form, plus the invite when sign-up is by invitation (`CLARA_SIGNUP=invite`). */
export const signUpSchema = z.extend(signUpFormSchema, {
  invite: z.optional(
    z
      .string({ error: 'The invite must be text.' })
      .check(
        z.trim(),
        z.minLength(1, 'The invite is empty.'),
        z.maxLength(200, 'The invite is over 200 characters.'),
      ),
  ),
});

/** `POST /api/auth/password`. */
export const changePasswordSchema = z.object({
  current_password: password(1, 'Enter your current password.'),
  new_password: newPassword(),
});
