import type { AddKeyRequest, ApiKey, KeyTestResult, ModelChoice, Provider } from '@clara/contract';
import { api } from '../../lib/api';

export type { ApiKey, KeyTestResult, ModelChoice, Provider };

export const listKeys = () => api<{ keys: ApiKey[]; models: ModelChoice[] }>('GET', '/admin/keys');

/** Adds a key; the raw key is sent once and never comes back. */
export const addKey = (body: AddKeyRequest) => api<{ key: ApiKey }>('POST', '/admin/keys', body);

export const keyAction = (id: string, action: 'default' | 'activate' | 'deactivate') =>
  api<{ key: ApiKey }>('POST', `/admin/keys/${id}/${action}`);

export const deleteKey = (id: string) => api<{ deleted: string }>('DELETE', `/admin/keys/${id}`);

export const testKey = (id: string) => api<{ result: KeyTestResult }>('POST', `/admin/keys/${id}/test`);
