import { settingsAssetRules } from '@clara/contract';
import { ClaraError } from '@clara/core';
import type { Context } from 'koa';
import { readImageDimensions } from './image-dimensions';

/** What an owner can upload: the widget's avatar and the chat launcher icon. */
export const assetKinds = { avatar: 'avatar_url', icon: 'chat_icon_url' } as const;
export type AssetKind = keyof typeof assetKinds;

/** Images only (no SVG: it can carry script), at most 1 MB. */
export const maxAssetBytes = settingsAssetRules.maxBytes;
/**
 * At most this many pixels a side: a small file can claim a huge canvas (a PNG of a few
 * kilobytes can declare 50,000 × 50,000), which every visitor's browser would then decode.
 */
export const maxAssetSide = 4096;
const imageTypes = {
  'image/png': {
    ext: 'png',
    magic: (b: Buffer) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/jpeg': { ext: 'jpg', magic: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/gif': { ext: 'gif', magic: (b: Buffer) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  'image/webp': {
    ext: 'webp',
    magic: (b: Buffer) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
} as const satisfies Record<
  (typeof settingsAssetRules.types)[number],
  { ext: string; magic: (b: Buffer) => boolean }
>;
export type ImageType = keyof typeof imageTypes;

/** File extension → content type, for serving stored assets. */
export const contentTypeOfExt: Record<string, ImageType> = Object.fromEntries(
  Object.entries(imageTypes).map(([type, { ext }]) => [ext, type as ImageType]),
);

/** A validated upload. */
export interface AssetImage {
  contentType: ImageType;
  ext: string;
  body: Buffer;
}

/**
 * Reads an image upload: 415 unless Content-Type is PNG, JPEG, GIF or WebP and the bytes
 * say the same; 400 unless the file's structure reads as far as its dimensions (a real image,
 * not a header with anything after it) and at most 4096 pixels a side; 413 over 1 MB (checked while streaming, before reading it all).
 */
export async function readAssetImage(ctx: Context): Promise<AssetImage> {
  const type = (ctx.get('content-type').split(';')[0] ?? '').trim().toLowerCase() as ImageType;
  const spec = imageTypes[type];
  if (!spec) throw new ClaraError('unsupported_media_type', 'Upload a PNG, JPEG, GIF or WebP image.');
  const tooLarge = () => new ClaraError('payload_too_large', 'The image is over 1 MB.');
  if (Number(ctx.get('content-length') || 0) > maxAssetBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxAssetBytes) throw tooLarge();
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  if (body.length === 0) throw new ClaraError('validation_failed', 'The image is empty.');
  if (!spec.magic(body))
    throw new ClaraError('unsupported_media_type', `The file is not a ${spec.ext.toUpperCase()} image.`);
  const read = readImageDimensions(type, body);
  if ('problem' in read)
    throw new ClaraError(
      'validation_failed',
      `The file starts like a ${spec.ext.toUpperCase()} image but is not a valid one: ${read.problem}.`,
    );
  if (read.width > maxAssetSide || read.height > maxAssetSide)
    throw new ClaraError(
      'validation_failed',
      `The image is ${read.width} × ${read.height} pixels; at most ${maxAssetSide} × ${maxAssetSide} is accepted.`,
    );
  return { contentType: type, ext: spec.ext, body };
}
