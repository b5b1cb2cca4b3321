import { describe, expect, it } from 'vitest';
import { readImageDimensions } from './image-dimensions';
import { gif16, jpg16, png1x1, webp16, webpLossless1x1, webpLossy1x1 } from './sample-images';

const text = Buffer.from('hello, this is a plain text note and not an image at all; thanks');

describe('readImageDimensions', () => {
  it('reads the size of real PNG, JPEG, GIF and WebP (VP8, VP8L, VP8X) images', () => {
    expect(readImageDimensions('image/png', png1x1)).toEqual({ width: 1, height: 1 });
    expect(readImageDimensions('image/jpeg', jpg16)).toEqual({ width: 16, height: 16 });
    expect(readImageDimensions('image/gif', gif16)).toEqual({ width: 16, height: 16 });
    expect(readImageDimensions('image/webp', webp16)).toEqual({ width: 16, height: 16 });
    expect(readImageDimensions('image/webp', webpLossy1x1)).toEqual({ width: 1, height: 1 });
    expect(readImageDimensions('image/webp', webpLossless1x1)).toEqual({ width: 1, height: 1 });
  });

  it("counts a GIF's first frame where it reaches past the logical screen", () => {
    // The sample's screen is 16 × 16; its first image descriptor (after the 4-colour table) moved
    // to left 100 and made 60,000 wide: a decoder would grow the canvas to 60,100 × 16.
    const wide = Buffer.from(gif16);
    const descriptor = wide.indexOf(0x2c, 13 + 12);
    wide.writeUInt16LE(100, descriptor + 1);
    wide.writeUInt16LE(60_000, descriptor + 5);
    expect(readImageDimensions('image/gif', wide)).toEqual({ width: 60_100, height: 16 });
  });

  it('finds a problem in a file that only starts like an image', () => {
    const cases: [Parameters<typeof readImageDimensions>[0], Buffer][] = [
      ['image/png', Buffer.concat([png1x1.subarray(0, 8), text])],
      ['image/png', png1x1.subarray(0, 20)],
      ['image/jpeg', Buffer.concat([jpg16.subarray(0, 3), text])],
      ['image/jpeg', jpg16.subarray(0, 100)],
      ['image/gif', Buffer.concat([Buffer.from('GIF89a'), text])],
      ['image/gif', Buffer.concat([Buffer.from('GIF89a'), Buffer.from(',,,,,,,,,,,,,,,,,,,,,,,,,,,,,,')])],
      ['image/gif', gif16.subarray(0, gif16.length - 40)],
      ['image/webp', Buffer.concat([webpLossy1x1.subarray(0, 12), text])],
      ['image/webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 ')],
    ];
    for (const [type, body] of cases) {
      const read = readImageDimensions(type, body);
      expect(read, `${type} ${body.subarray(0, 24).toString('latin1')}`).toHaveProperty('problem');
    }
    // A damaged header checksum.
    const damaged = Buffer.from(png1x1);
    damaged[17] = 2;
    expect(readImageDimensions('image/png', damaged)).toEqual({
      problem: 'its header (IHDR) is damaged (checksum mismatch)',
    });
  });
});
