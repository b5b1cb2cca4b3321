/// <reference lib="dom" />
/**
 * Writes `server/src/admin/assets/sample-images.ts`: small real images for the upload tests,
 * drawn here. Chromium's canvas encodes the PNG, JPEG and WebP files (lossy VP8, lossless VP8L,
 * and lossy with an alpha channel, which Chromium writes as VP8X); the GIF is built byte by byte
 * from the GIF89a format (canvas cannot encode GIF).
 *
 * Run: `node --import tsx testkit/scripts/encode-sample-images.ts`
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../src/chromium';

type Encoded = Record<'png1x1' | 'jpg16' | 'webp16' | 'webpLossy1x1' | 'webpLossless1x1', string>;

/** Encodes a canvas drawing in the page: a 16 × 16 pattern and a 1 × 1 pixel. */
function encodeInPage(): Encoded {
  const canvas = (size: number, alpha: boolean) => {
    const c = document.createElement('canvas');
    c.width = size;
    c.height = size;
    const g = c.getContext('2d');
    if (!g) throw new Error('no 2d context');
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const a = alpha && (x + y) % 3 === 0 ? 0.4 : 1;
        g.fillStyle = `rgba(${(x * 16) % 256}, ${(y * 16) % 256}, ${((x + y) * 8) % 256}, ${a})`;
        g.fillRect(x, y, 1, 1);
      }
    }
    return c;
  };
  const data = (c: HTMLCanvasElement, type: string, quality?: number) =>
    c.toDataURL(type, quality).replace(/^data:[^,]*,/, '');
  return {
    png1x1: data(canvas(1, false), 'image/png'),
    jpg16: data(canvas(16, false), 'image/jpeg', 0.8),
    webp16: data(canvas(16, true), 'image/webp', 0.8),
    webpLossy1x1: data(canvas(1, false), 'image/webp', 0.8),
    webpLossless1x1: data(canvas(1, false), 'image/webp', 1),
  };
}

/**
 * A 16 × 16 GIF89a with a four-colour table. Its LZW data sends a clear code before every pixel,
 * so the code table never grows and every code stays 3 bits wide: valid, if not small.
 */
function gif16(): Buffer {
  const size = 16;
  const header = Buffer.from('GIF89a', 'latin1');
  const screen = Buffer.from([size, 0, size, 0, 0b1000_0001, 0, 0]); // global table of 4 colours
  const palette = Buffer.from([0x20, 0x60, 0xa0, 0xf0, 0xc0, 0x30, 0xff, 0xff, 0xff, 0, 0, 0]);
  const image = Buffer.from([0x2c, 0, 0, 0, 0, size, 0, size, 0, 0]);
  const codes: number[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) codes.push(4, (x + y) % 4); // clear, then the pixel
  }
  codes.push(5); // end of information
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const code of codes) {
    acc |= code << bits;
    bits += 3;
    while (bits >= 8) {
      bytes.push(acc & 0xff);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) bytes.push(acc & 0xff);
  const blocks: number[] = [2]; // LZW minimum code size
  for (let i = 0; i < bytes.length; i += 255) {
    const chunk = bytes.slice(i, i + 255);
    blocks.push(chunk.length, ...chunk);
  }
  blocks.push(0, 0x3b); // block terminator, trailer
  return Buffer.concat([header, screen, palette, image, Buffer.from(blocks)]);
}

/**
 * The simple WebP layout (RIFF, WEBP, one `VP8 ` or `VP8L` chunk): Chromium adds an ICC profile,
 * which makes every file the extended (VP8X) layout, so the bitstream chunk is taken out.
 */
function simpleWebp(b64: string): string {
  const file = Buffer.from(b64, 'base64');
  for (let at = 12; at + 8 <= file.length; ) {
    const id = file.toString('latin1', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    const chunk = file.subarray(at, at + 8 + size + (size % 2));
    if (id === 'VP8 ' || id === 'VP8L') {
      const riff = Buffer.alloc(12);
      riff.write('RIFF', 0, 'latin1');
      riff.writeUInt32LE(4 + chunk.length, 4);
      riff.write('WEBP', 8, 'latin1');
      return Buffer.concat([riff, chunk]).toString('base64');
    }
    at += chunk.length;
  }
  throw new Error('no VP8 or VP8L chunk');
}

const wrap = (b64: string) => {
  const lines = b64.match(/.{1,96}/g) ?? [''];
  return lines.length === 1 ? `b64('${lines[0]}')` : `b64(\n  '${lines.join("' +\n    '")}',\n)`;
};

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // tsx keeps function names through a `__name` helper that the page does not have.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto('about:blank');
  const encoded = await page.evaluate(encodeInPage);
  const all = {
    ...encoded,
    webpLossy1x1: simpleWebp(encoded.webpLossy1x1),
    webpLossless1x1: simpleWebp(encoded.webpLossless1x1),
    gif16: gif16().toString('base64'),
  };
  const doc: Record<keyof typeof all, string> = {
    png1x1: '1 × 1 PNG.',
    jpg16: '16 × 16 JPEG.',
    gif16: '16 × 16 GIF (LZW with a clear code before every pixel).',
    webp16: '16 × 16 WebP with an alpha channel (VP8X).',
    webpLossy1x1: '1 × 1 lossy WebP (VP8).',
    webpLossless1x1: '1 × 1 lossless WebP (VP8L).',
  };
  const body = (Object.keys(doc) as (keyof typeof all)[])
    .map((name) => `/** ${doc[name]} */\nexport const ${name} = ${wrap(all[name])};\n`)
    .join('\n');
  const out = fileURLToPath(new URL('../../server/src/admin/assets/sample-images.ts', import.meta.url));
  writeFileSync(
    out,
    `/**\n * Small real images for the upload tests, drawn and encoded here by\n * \`testkit/scripts/encode-sample-images.ts\` (Chromium's canvas; the GIF built from its format).\n */\nconst b64 = (s: string) => Buffer.from(s, 'base64');\n\n${body}`,
  );
} finally {
  await browser.close();
}
