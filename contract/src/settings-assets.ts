import type { Settings } from './settings';

/**
 * The avatar and chat icon an owner uploads (`PUT /api/admin/settings/assets/avatar|icon`, the
 * raw image as the body): images only (no SVG: it can carry script), at most 1 MB.
 */
export const settingsAssetRules = {
  types: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
  maxBytes: 1024 * 1024,
} as const;

/** `PUT /api/admin/settings/assets/:kind` → the stored image's public URL and every setting. */
export interface AssetUploadResponse {
  url: string;
  settings: Settings;
}

/** `DELETE /api/admin/settings/assets/:kind` → every setting (its URL now null). */
export interface AssetRemoveResponse {
  settings: Settings;
}
