import { z } from 'zod/mini';

/** An LLM provider a key may belong to. */
export type Provider = 'openai' | 'anthropic';

/** A key as the admin API shows it: the last four characters, never the key. */
export interface ApiKey {
  id: string;
  provider: Provider;
  model: string;
  label: string | null;
  key_last4: string;
  is_default: boolean;
  is_active: boolean;
  created_at: string;
  /** The last "Test" of the key (also run when it is saved), kept with it; null before the first. */
  last_test: KeyLastTest | null;
}

/** A key's last provider test: ok, or the failure's codes (never the provider's message or the key). */
export interface KeyLastTest {
  ok: boolean;
  code: string | null;
  status: number | null;
  provider_code: string | null;
  /** ISO 8601. */
  tested_at: string;
}

/** One of the seed's supported models. */
export interface ModelChoice {
  provider: Provider;
  model: string;
  name: string;
}

/** What "Test" found: ok, or the provider's error code (never its message or the key). */
export type KeyTestResult =
  | { ok: true; provider: Provider; model: string; latency_ms: number }
  | {
      ok: false;
      provider: Provider;
      model: string;
      code: string;
      status: number | null;
      provider_code: string | null;
    };

/** Why re-embedding is paused: the last failure's code (auth, unreachable, timeout, …), status and provider code. */
export interface EmbeddingPause {
  code: string;
  status: number | null;
  provider_code: string | null;
  /** Failed attempts in a row. */
  failures: number;
  /** When the server tries again (ISO 8601; the wait doubles, up to 10 minutes). */
  retry_at: string;
}

/** `GET /api/admin/embeddings`: the embedder search uses now, and the switch to OpenAI's (null without an OpenAI key). */
export interface EmbeddingsStatus {
  searched_with: string | null;
  openai: {
    embedder: string | null;
    total: number;
    embedded: number;
    complete: boolean;
    /** Present while the switch is paused after failures. */
    paused?: EmbeddingPause;
  } | null;
}

/** `GET /api/admin/augmentation`: the setting, the model that would write phrasings, and the cost now. */
export interface AugmentationStatus {
  enabled: boolean;
  model: { provider: Provider; model: string } | null;
  estimate: {
    pairs: number;
    calls: number;
    input_tokens: number;
    output_tokens: number;
    usd: number | null;
  } | null;
}

/** An API key is one word of printable ASCII, at most 500 characters; a label at most 100. */
export const keyLimits = { key: 500, label: 100 } as const;

/** One word of printable ASCII characters (no spaces): what every provider's keys look like. */
export const apiKeyPattern = /^[\x21-\x7e]+$/;

/** The admin's add-key form (`POST /api/admin/keys` checks the same rules and the model table). */
export const keyFormSchema = z.object({
  provider: z.enum(['openai', 'anthropic']),
  model: z.string().check(z.minLength(1, 'Choose a model.')),
  key: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Paste the API key.'),
      z.maxLength(keyLimits.key, 'That is too long to be an API key.'),
      z.regex(apiKeyPattern, 'An API key is one word without spaces.'),
    ),
  label: z.string().check(z.trim(), z.maxLength(keyLimits.label, 'The label is over 100 characters.')),
  make_default: z.boolean(),
});

/** `POST /api/admin/keys`: the form, the raw key sent once (never returned), the label left out when empty. */
export type AddKeyRequest = Omit<z.infer<typeof keyFormSchema>, 'label'> & { label?: string };
