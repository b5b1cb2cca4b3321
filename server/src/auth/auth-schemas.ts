import { z } from 'zod';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid email address.'))
  .pipe(z.string().max(254));

/** POST /api/auth/sign-in */
export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password.').max(200),
});

/** POST /api/auth/sign-up (the CLI's rule: at least 8 characters). */
export const signUpSchema = z.object({
  email,
  password: z.string().min(8, 'Use at least 8 characters for the password.').max(200),
  workspace_name: z.string().trim().min(1).max(100).optional(),
  /** From `clara owner invite`, when sign-up is by invitation (`CLARA_SIGNUP=invite`). */
  invite: z.string().trim().min(1).max(200).optional(),
});

/** POST /api/auth/password */
export const changePasswordSchema = z.object({
  current_password: z.string().min(1, 'Enter your current password.').max(200),
  new_password: z.string().min(8, 'Use at least 8 characters for the password.').max(200),
});
