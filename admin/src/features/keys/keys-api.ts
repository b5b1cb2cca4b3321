import { api } from '../../lib/api';

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

export const listKeys = () => api<{ keys: ApiKey[]; models: ModelChoice[] }>('GET', '/admin/keys');

/** Adds a key; the raw key is sent once and never comes back. */
export const addKey = (body: {
  provider: Provider;
  model: string;
  key: string;
  label?: string;
  make_default: boolean;
}) => api<{ key: ApiKey }>('POST', '/admin/keys', body);

export const keyAction = (id: string, action: 'default' | 'activate' | 'deactivate') =>
  api<{ key: ApiKey }>('POST', `/admin/keys/${id}/${action}`);

export const deleteKey = (id: string) => api<{ deleted: string }>('DELETE', `/admin/keys/${id}`);

export const testKey = (id: string) => api<{ result: KeyTestResult }>('POST', `/admin/keys/${id}/test`);
