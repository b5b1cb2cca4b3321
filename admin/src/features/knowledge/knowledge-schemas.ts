import { z } from 'zod/mini';

/** The create/edit form (the same limits as the server's qaPairInputSchema). */
export const pairFormSchema = z.object({
  question: z
    .string()
    .check(
      z.trim(),
      z.minLength(3, 'The question is too short.'),
      z.maxLength(1000, 'The question is over 1,000 characters.'),
    ),
  answer: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Write an answer.'),
      z.maxLength(10_000, 'The answer is over 10,000 characters.'),
    ),
  category: z
    .string()
    .check(
      z.trim(),
      z.maxLength(50, 'The category is over 50 characters.'),
      z.regex(/^[a-zA-Z0-9_ -]*$/, 'Categories may hold letters, digits, spaces, _ and -.'),
    ),
});

export type PairForm = z.infer<typeof pairFormSchema>;
