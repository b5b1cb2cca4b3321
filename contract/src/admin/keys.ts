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

/** `GET /api/admin/embeddings`: the embedder search uses now, and the switch to OpenAI's (null without an OpenAI key). */
export interface EmbeddingsStatus {
  searched_with: string;
  openai: { embedder: string | null; total: number; embedded: number; complete: boolean } | null;
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
