import { type AddKeyRequest, apiKeyPattern, keyLimits } from '@clara/contract';
import { isSupportedModel, supportedModels } from '@clara/core';
import { z } from 'zod';
import { acceptsContract } from '../../http/wire';

/** The seed's supported models with their display names (SCHEMA.md, api_keys). */
export const modelChoices = [
  { provider: 'anthropic', model: 'claude-sonnet-4-20250514', name: 'Claude Sonnet' },
  { provider: 'anthropic', model: 'claude-haiku-4-5-20251001', name: 'Claude Haiku' },
  { provider: 'openai', model: 'gpt-4o', name: 'GPT-4o' },
  { provider: 'openai', model: 'gpt-4o-mini', name: 'GPT-4o Mini' },
  { provider: 'openai', model: 'gpt-4.1', name: 'GPT-4.1' },
] as const satisfies readonly { provider: keyof typeof supportedModels; model: string; name: string }[];

/** POST /api/admin/keys. Messages name the field, never echo the key. */
export const addKeySchema = acceptsContract<AddKeyRequest>()(
  z
    .object({
      provider: z.enum(['openai', 'anthropic'], { error: 'provider must be openai or anthropic' }),
      model: z.string({ error: 'model is required' }).trim().min(1, 'model is required').max(100),
      key: z
        .string({ error: 'key is required' })
        .trim()
        .min(1, 'key is empty')
        .max(keyLimits.key, `key is over ${keyLimits.key} characters`)
        .regex(apiKeyPattern, { error: 'key must be one word of printable characters' }),
      label: z.string().trim().max(keyLimits.label, `label is over ${keyLimits.label} characters`).optional(),
      make_default: z.boolean().default(false),
    })
    .refine((v) => isSupportedModel(v.provider, v.model), {
      path: ['model'],
      error: (issue) => {
        const provider = (issue.input as { provider?: 'openai' | 'anthropic' }).provider ?? 'openai';
        return `model for ${provider} must be one of: ${supportedModels[provider].join(', ')}`;
      },
    }),
);
