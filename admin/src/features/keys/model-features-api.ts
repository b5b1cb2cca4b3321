import type { AugmentationStatus, EmbeddingsStatus, SettingsPatch, SettingsResponse } from '@clara/contract';
import { api } from '../../lib/api';

export type { AugmentationStatus, EmbeddingsStatus };

export const getEmbeddings = () => api<EmbeddingsStatus>('GET', '/admin/embeddings');

export const getAugmentation = () => api<AugmentationStatus>('GET', '/admin/augmentation');

/** Turns `settings.augment_questions` on or off (the rest of the settings stay as they are). */
export const setAugmentQuestions = (on: boolean) =>
  api<SettingsResponse>('PATCH', '/admin/settings', {
    settings: { augment_questions: on },
  } satisfies SettingsPatch);

/** "openai:text-embedding-3-small@1536" → "OpenAI text-embedding-3-small"; anything else is the built-in one. */
export function embedderName(id: string | null): string {
  const openai = /^openai:([^@]+)/.exec(id ?? '');
  return openai ? `OpenAI ${openai[1]}` : 'Clara’s built-in embedder';
}
