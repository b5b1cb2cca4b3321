import { z } from 'zod/mini';

/** The sign-in form (the server checks again). */
export const signInFormSchema = z.object({
  email: z.email('Enter a valid email address.'),
  password: z.string().check(z.minLength(1, 'Enter your password.')),
});

/** The sign-up form: the server's rule of 8+ characters. */
export const signUpFormSchema = z.object({
  email: z.email('Enter a valid email address.'),
  password: z.string().check(z.minLength(8, 'Use at least 8 characters for the password.')),
  workspace_name: z.optional(z.string().check(z.maxLength(100))),
});
