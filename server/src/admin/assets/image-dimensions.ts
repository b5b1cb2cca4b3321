import { crc32 } from 'node:zlib';

/** The upload types whose structure can be checked. */
export type CheckedImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** What reading an image's structure found: its size, or what is wrong with it (for the owner). */
export type ImageDimensions = { width: number; height: number } | { problem: string };

const ok = (width: number, height: number): ImageDimensions =>
  width > 0 && height > 0 ? { width, height } : { problem: 'its width or height is zero' };

/** PNG: the IHDR chunk comes first, 13 bytes long, with a correct CRC. */
function png(b: Buffer): ImageDimensions {
  if (b.length < 33) return { problem: 'it ends before its header (IHDR) is complete' };
  if (b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR')
    return { problem: 'its first chunk is not the image header (IHDR)' };
  if (crc32(b.subarray(12, 29)) !== b.readUInt32BE(29))
    return { problem: 'its header (IHDR) is damaged (checksum mismatch)' };
  return ok(b.readUInt32BE(16), b.readUInt32BE(20));
}

/** Start-of-frame markers (C0–CF except DHT C4, JPG C8 and DAC CC) carry the size. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** JPEG: walks the marker segments after SOI to the first start-of-frame, before any scan. */
function jpeg(b: Buffer): ImageDimensions {
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return { problem: `it has no valid marker at byte ${i}` };
    while (b[i] === 0xff) i++; // fill bytes
    const marker = b[i++];
    if (marker === undefined) break;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9 || marker === 0xda)
      return { problem: 'it has no frame header (SOF) before its data' };
    if (i + 2 > b.length) break;
    const length = b.readUInt16BE(i);
    if (length < 2 || i + length > b.length) break;
    if (isSof(marker)) {
      if (length < 8) return { problem: 'its frame header (SOF) is too short' };
      return ok(b.readUInt16BE(i + 5), b.readUInt16BE(i + 3)); // stored height first
    }
    i += length;
  }
  return { problem: 'it ends before its frame header (SOF)' };
}

/** Skips GIF data sub-blocks (a size byte, then that many bytes) to the terminator; -1 if cut. */
function skipSubBlocks(b: Buffer, i: number): number {
  let at = i;
  while (at < b.length) {
    const size = b[at] as number;
    if (size === 0) return at + 1;
    at += size + 1;
  }
  return -1;
}

/**
 * GIF: the logical screen descriptor and colour table, then extensions up to the first image
 * descriptor, whose LZW data must be complete.
 */
function gif(b: Buffer): ImageDimensions {
  if (b.length < 13) return { problem: 'it ends before its screen descriptor is complete' };
  const packed = b[10] as number;
  let i = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  while (i < b.length) {
    const block = b[i];
    if (block === 0x3b) return { problem: 'it contains no image' };
    if (block === 0x21) {
      i = skipSubBlocks(b, i + 2);
      if (i < 0) break;
    } else if (block === 0x2c) {
      if (i + 10 > b.length) break;
      const local = b[i + 9] as number;
      const data = i + 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0);
      const codeSize = b[data];
      if (codeSize === undefined) break;
      if (codeSize < 2 || codeSize > 11) return { problem: 'its image data is invalid' };
      if (skipSubBlocks(b, data + 1) < 0) break;
      // A frame may reach past the logical screen, and decoders then grow the canvas to hold it
      // (Chromium's does): the size that counts covers both.
      const right = b.readUInt16LE(i + 1) + b.readUInt16LE(i + 5);
      const bottom = b.readUInt16LE(i + 3) + b.readUInt16LE(i + 7);
      return ok(Math.max(b.readUInt16LE(6), right), Math.max(b.readUInt16LE(8), bottom));
    } else {
      return { problem: `it has an unknown block at byte ${i}` };
    }
  }
  return { problem: 'it ends before its first image is complete' };
}

/** WebP: the first chunk after the RIFF header is VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function webp(b: Buffer): ImageDimensions {
  if (b.length < 30) return { problem: 'it ends before its image header is complete' };
  const chunk = b.toString('latin1', 12, 16);
  const size = b.readUInt32LE(16);
  if (20 + size > b.length) return { problem: `its ${chunk.trim()} chunk is cut short` };
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a)
      return { problem: 'its VP8 frame has no start code' };
    return ok(b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    if (b[20] !== 0x2f || bits >>> 29 !== 0) return { problem: 'its VP8L header is invalid' };
    return ok((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    if (size < 10) return { problem: 'its VP8X header is too short' };
    return ok(b.readUIntLE(24, 3) + 1, b.readUIntLE(27, 3) + 1);
  }
  return { problem: 'its first chunk is not VP8, VP8L or VP8X' };
}

const readers: Record<CheckedImageType, (b: Buffer) => ImageDimensions> = {
  'image/png': png,
  'image/jpeg': jpeg,
  'image/gif': gif,
  'image/webp': webp,
};

/**
 * Reads an image's width and height from its structure (the file's magic bytes already match
 * `type`): PNG's IHDR, JPEG's start-of-frame, GIF's screen descriptor and first image, WebP's
 * VP8/VP8L/VP8X header. A file that only starts like an image gets a `problem` instead.
 */
export function readImageDimensions(type: CheckedImageType, body: Buffer): ImageDimensions {
  return readers[type](body);
}
