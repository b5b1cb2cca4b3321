import { api } from '../../lib/api';

/** `GET /admin/embeddings`: the embedder search uses now, and the switch to OpenAI's (null without an OpenAI key). */
export interface EmbeddingsStatus {
  searched_with: string;
  openai: { embedder: string | null; total: number; embedded: number; complete: boolean } | null;
}

/** `GET /admin/augmentation`: the setting, the model that would write phrasings, and the cost now. */
export interface AugmentationStatus {
  enabled: boolean;
  model: { provider: 'openai' | 'anthropic'; model: string } | null;
  estimate: {
    pairs: number;
    calls: number;
    input_tokens: number;
    output_tokens: number;
    usd: number | null;
  } | null;
}

export const getEmbeddings = () => api<EmbeddingsStatus>('GET', '/admin/embeddings');

export const getAugmentation = () => api<AugmentationStatus>('GET', '/admin/augmentation');

/** Turns `settings.augment_questions` on or off (the rest of the settings stay as they are). */
export const setAugmentQuestions = (on: boolean) =>
  api<unknown>('PATCH', '/admin/settings', { settings: { augment_questions: on } });

/** "openai:text-embedding-3-small@1536" → "OpenAI text-embedding-3-small"; anything else is the built-in one. */
export function embedderName(id: string | null): string {
  const openai = /^openai:([^@]+)/.exec(id ?? '');
  return openai ? `OpenAI ${openai[1]}` : 'Clara’s built-in embedder';
}
