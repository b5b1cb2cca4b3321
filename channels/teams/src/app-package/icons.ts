import { type Glyph, initialGlyph } from './glyphs';
import { encodePng, type RgbaImage } from './png';

type Rgba = readonly [number, number, number, number];

function blank(size: number, fill: Rgba): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set(fill, i);
  return { width: size, height: size, pixels };
}

function paint(image: RgbaImage, x: number, y: number, colour: Rgba): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  image.pixels.set(colour, (y * image.width + x) * 4);
}

/** Draws a glyph with `cell`-pixel cells, centred. */
function drawGlyph(image: RgbaImage, glyph: Glyph, cell: number, colour: Rgba): void {
  const x0 = Math.floor((image.width - 5 * cell) / 2);
  const y0 = Math.floor((image.height - 7 * cell) / 2);
  glyph.forEach((row, gy) => {
    [...row].forEach((mark, gx) => {
      if (mark !== '#') return;
      for (let dy = 0; dy < cell; dy++)
        for (let dx = 0; dx < cell; dx++) paint(image, x0 + gx * cell + dx, y0 + gy * cell + dy, colour);
    });
  });
}

/** The colour as RGB bytes; `#rrggbb` only (the settings schema's brand colours). */
export function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error('A colour like #6366f1 is expected.');
  return [
    Number.parseInt(m[1] as string, 16),
    Number.parseInt(m[2] as string, 16),
    Number.parseInt(m[3] as string, 16),
  ];
}

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * The Teams colour icon: 192 × 192, the brand colour full bleed, the name's initial in white
 * (near-black on a light brand colour, which white would not contrast with).
 */
export function colorIconPng(brandHex: string, name: string): Buffer {
  const rgb = parseHex(brandHex);
  const image = blank(192, [...rgb, 255]);
  const ink: Rgba = luminance(rgb) > 0.5 ? [17, 24, 39, 255] : [255, 255, 255, 255];
  drawGlyph(image, initialGlyph(name), 14, ink);
  return encodePng(image);
}

/**
 * The Teams outline icon: 32 × 32, transparent, white only: a rounded square outline and the
 * name's initial (Teams tints it in its own colours).
 */
export function outlineIconPng(name: string): Buffer {
  const white: Rgba = [255, 255, 255, 255];
  const image = blank(32, [0, 0, 0, 0]);
  for (let i = 3; i <= 28; i++) {
    for (const edge of [1, 2, 29, 30]) {
      paint(image, i, edge, white);
      paint(image, edge, i, white);
    }
  }
  // Rounded corners: one diagonal pixel joins the sides.
  for (const [x, y] of [
    [2, 2],
    [29, 2],
    [2, 29],
    [29, 29],
  ] as const)
    paint(image, x, y, white);
  drawGlyph(image, initialGlyph(name), 3, white);
  return encodePng(image);
}
