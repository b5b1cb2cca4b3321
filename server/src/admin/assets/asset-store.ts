import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClaraError } from '@clara/core';
import type { Logger } from '../../logger';
import type { AssetImage, AssetKind } from './asset-image';

/** Where to put an owner's upload. */
export interface AssetPut {
  workspaceId: string;
  kind: AssetKind;
  image: AssetImage;
  /** The owner's access token (Supabase mode: Storage applies the bucket policies to it). */
  ownerToken: string | undefined;
  /** This server's public base URL (embedded mode serves the file itself). */
  baseUrl: string;
}

/** Which stored image to delete. */
export type AssetRemove = Pick<AssetPut, 'workspaceId' | 'kind' | 'ownerToken'>;

/** Stores workspace images and returns the public URL to put in the settings. */
export interface AssetStore {
  put(input: AssetPut): Promise<string>;
  /** Deletes the kind's image in every format (nothing stored is not an error). */
  remove(input: AssetRemove): Promise<void>;
}

/** The seed's path convention in the `chatbot-assets` bucket: `{workspace_id}/avatar.{ext}`. */
export const assetPath = (workspaceId: string, kind: AssetKind, ext: string) =>
  `${workspaceId}/${kind}.${ext}`;
const allExts = ['png', 'jpg', 'gif', 'webp'];
const otherExts = (ext: string) => allExts.filter((e) => e !== ext);

/** Embedded mode: files under `{dataDir}/assets/{workspace_id}/`, served at `/assets/…`. */
export function createFileAssetStore(dataDir: string): AssetStore {
  return {
    async put({ workspaceId, kind, image, baseUrl }) {
      const dir = join(dataDir, 'assets', workspaceId);
      await mkdir(dir, { recursive: true });
      // One file per kind: drop the old one in another format.
      for (const name of await readdir(dir)) {
        if (otherExts(image.ext).some((e) => name === `${kind}.${e}`))
          await rm(join(dir, name), { force: true });
      }
      await writeFile(join(dir, `${kind}.${image.ext}`), image.body);
      return `${baseUrl}/assets/${assetPath(workspaceId, kind, image.ext)}?v=${Date.now().toString(36)}`;
    },
    async remove({ workspaceId, kind }) {
      const dir = join(dataDir, 'assets', workspaceId);
      for (const ext of allExts) await rm(join(dir, `${kind}.${ext}`), { force: true });
    },
  };
}

/**
 * Supabase mode: the Storage REST API with the owner's token and the anon key, so the seed's
 * storage policies decide (an owner writes only under their workspace's folder). The seed
 * allows insert and delete but not update, so a replacement deletes the old objects first.
 */
export function createSupabaseAssetStore(options: {
  url: string;
  anonKey: string;
  logger: Logger;
}): AssetStore {
  const bucket = 'chatbot-assets';
  const storage = `${options.url}/storage/v1`;
  const headersOf = (ownerToken: string | undefined) => {
    if (!ownerToken) throw new ClaraError('unauthorized', 'Sign in to continue.');
    return { authorization: `Bearer ${ownerToken}`, apikey: options.anonKey };
  };
  const fail = async (res: Response, step: string): Promise<never> => {
    // Storage wraps its status in the body: { statusCode, error, message }.
    const body = (await res.json().catch(() => ({}))) as { statusCode?: string; error?: string };
    options.logger.warn(
      { status: res.status, storageStatus: body.statusCode, storageError: body.error, step },
      'Supabase Storage refused the upload',
    );
    if (body.statusCode === '403' || res.status === 403) {
      throw new ClaraError('forbidden', 'Storage refused the upload for this workspace.');
    }
    throw new ClaraError('unavailable', 'Supabase Storage did not accept the image; try again shortly.');
  };
  const removeAll = async ({ workspaceId, kind, ownerToken }: AssetRemove) => {
    const remove = await fetch(`${storage}/object/${bucket}`, {
      method: 'DELETE',
      headers: { ...headersOf(ownerToken), 'content-type': 'application/json' },
      body: JSON.stringify({ prefixes: allExts.map((e) => assetPath(workspaceId, kind, e)) }),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null);
    if (!remove) throw new ClaraError('unavailable', 'Supabase Storage is unreachable; try again shortly.');
    if (!remove.ok) await fail(remove, 'delete');
  };
  return {
    remove: removeAll,
    async put({ workspaceId, kind, image, ownerToken }) {
      const headers = headersOf(ownerToken);
      await removeAll({ workspaceId, kind, ownerToken });
      const path = assetPath(workspaceId, kind, image.ext);
      const upload = await fetch(`${storage}/object/${bucket}/${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': image.contentType, 'cache-control': 'max-age=300' },
        body: new Uint8Array(image.body),
        signal: AbortSignal.timeout(20_000),
      }).catch(() => null);
      if (!upload) throw new ClaraError('unavailable', 'Supabase Storage is unreachable; try again shortly.');
      if (!upload.ok) await fail(upload, 'upload');
      return `${storage}/object/public/${bucket}/${path}?v=${Date.now().toString(36)}`;
    },
  };
}
