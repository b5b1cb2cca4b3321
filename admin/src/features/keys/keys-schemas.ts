import { z } from 'zod/mini';

/** The add-key form (the server checks the same rules and the model table again). */
export const keyFormSchema = z.object({
  provider: z.enum(['openai', 'anthropic']),
  model: z.string().check(z.minLength(1, 'Choose a model.')),
  key: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Paste the API key.'),
      z.maxLength(500, 'That is too long to be an API key.'),
      z.regex(/^[\x21-\x7e]+$/, 'An API key is one word without spaces.'),
    ),
  label: z.string().check(z.trim(), z.maxLength(100, 'The label is over 100 characters.')),
  make_default: z.boolean(),
});
