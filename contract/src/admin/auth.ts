import { z } from 'zod/mini';

/** An owner's email: trimmed, lower case, at most 254 characters. */
export const ownerEmailSchema = z.pipe(
  z.string({ error: 'Enter a valid email address.' }).check(z.trim(), z.toLowerCase()),
  z
    .email({ error: 'Enter a valid email address.' })
    .check(z.maxLength(254, 'The email is over 254 characters.')),
);

/** A password of `min` to 200 characters. */
export const password = (min: number, message: string) =>
  z
    .string({ error: 'The password must be text.' })
    .check(z.minLength(min, message), z.maxLength(200, 'The password is over 200 characters.'));

/** The shortest password an owner may choose (the CLI's rule too). */
export const minPasswordLength = 8;
/** A new password's rule: 8 to 200 characters. */
export const newPassword = () =>
  password(minPasswordLength, `Use at least ${minPasswordLength} characters for the password.`);

/** `POST /api/auth/sign-in`, and the admin's sign-in form. */
export const signInSchema = z.object({
  email: ownerEmailSchema,
  password: password(1, 'Enter your password.'),
});

/** The admin's sign-up form. */
export const signUpFormSchema = z.object({
  email: ownerEmailSchema,
  password: newPassword(),
  workspace_name: z.optional(
    z
      .string({ error: 'The workspace name must be text.' })
      .check(
        z.trim(),
        z.minLength(1, 'The workspace name is empty.'),
        z.maxLength(100, 'The workspace name is over 100 characters.'),
      ),
  ),
});
