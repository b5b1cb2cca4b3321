import { z } from 'zod/mini';

/** The bounds of a Q&A pair as an owner writes it (the server's `qaPairInputSchema` uses them too). */
export const pairLimits = {
  question: { min: 3, max: 1000 },
  answer: { min: 1, max: 10_000 },
  category: 50,
} as const;

/**
 * Letters and digits of any script (`général`, `価格`, `हिन्दी`: with their combining marks), spaces,
 * `_`, `-` and common punctuation (`&`, `'`, `’`, `.`, `,`, `/`, `+`, brackets: "stationery & more",
 * "kids' books", "cards/gifts"), stored as the owner typed them (trimmed, NFC, inner whitespace one
 * space; the server reuses the workspace's spelling of a category that differs only in case, spaces,
 * `_` or `-`): the one rule for categories, the form's and the server's. Categories are free
 * text in the store (filtered by equality, exported quoted); symbols, quotes and control
 * characters stay out.
 */
export const categoryPattern = /^[\p{L}\p{M}\p{N}_ \-&'’.,/+()]*$/u;

/** The characters `categoryPattern` allows, in the owner's words. */
export const categoryCharacters = "letters, digits, spaces and _ - & ' . , / + ( )";

/** What `categoryPattern` refuses, in the owner's words. */
export const categoryMessage = `Categories may hold ${categoryCharacters}.`;

/** The admin's create/edit form for a pair (the server checks the same limits again). */
export const pairFormSchema = z.object({
  question: z.string().check(
    z.trim(),
    z.minLength(pairLimits.question.min, {
      error: (issue) => (issue.input === '' ? 'Write a question.' : 'The question is too short.'),
    }),
    z.maxLength(pairLimits.question.max, 'The question is over 1,000 characters.'),
  ),
  answer: z
    .string()
    .check(
      z.trim(),
      z.minLength(pairLimits.answer.min, 'Write an answer.'),
      z.maxLength(pairLimits.answer.max, 'The answer is over 10,000 characters.'),
    ),
  category: z.string().check(
    z.trim(),
    // A decomposed é (e + accent, as some keyboards and macOS send it) is a letter once composed.
    z.normalize('NFC'),
    z.maxLength(pairLimits.category, 'The category is over 50 characters.'),
    z.regex(categoryPattern, categoryMessage),
  ),
});

export type PairForm = z.infer<typeof pairFormSchema>;

/** Where a pair came from. */
export type PairSource = 'manual' | 'csv_import' | 'transcript_extraction';

/** A Q&A pair as the admin API returns it. */
export interface AdminPair {
  id: string;
  question: string;
  answer: string;
  category: string;
  source: PairSource;
  is_active: boolean;
  import_batch_id: string | null;
  /** A visitor's wording kept from the gap inbox: the pair it is a phrasing of (null for the owner's own pairs). */
  phrasing_of: { id: string; question: string } | null;
  created_at: string;
  updated_at: string;
}

/** The near-duplicate the API reports (similarity above 0.95), in a 409's `duplicate`. */
export interface Duplicate {
  id: string;
  question: string;
  answer: string;
  category: string;
  similarity: number;
}

/** A CSV row refused by an import, by line number. */
export interface RowError {
  row: number;
  message: string;
}

/** `GET /api/admin/knowledge/import/:id`: an import's progress and result. */
export interface ImportJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  phase: 'embedding' | 'saving' | 'done';
  done: number;
  saved: number;
  total: number;
  /** `inactive`: of the imported pairs, those stored inactive (the file's `is_active=false` rows). */
  result: {
    imported: number;
    inactive: number;
    /** Pairs whose answer or category the file changed, updated (`?update=true`); undo does not revert them. */
    updated: number;
    skipped: number;
    errors: RowError[];
    batch_id: string;
  } | null;
  error: string | null;
}

/** `POST /api/admin/knowledge` and `PATCH /api/admin/knowledge/:id`: the form, and consent to save a near-duplicate. */
export type PairRequest = PairForm & { allow_duplicate: boolean };

/** `POST /api/admin/knowledge/bulk`: (de)activate pairs, or move them to a category. */
export type BulkRequest =
  | { action: 'activate' | 'deactivate'; ids: string[] }
  | { action: 'recategorise'; ids: string[]; category: string };
