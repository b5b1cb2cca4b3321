const lin = (c: number): number => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of a `#rrggbb` colour (0 black … 1 white); NaN if malformed. */
export function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) return Number.NaN;
  const n = Number.parseInt(m[1], 16);
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

/** WCAG contrast ratio between two luminances. */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Black or white text for `background`, whichever has the higher WCAG contrast ratio (so
 * always at least 4.58:1). White for a malformed colour.
 */
export function pickTextColor(background: string): '#000000' | '#ffffff' {
  const l = luminance(background);
  if (Number.isNaN(l)) return '#ffffff';
  return contrastRatio(l, 1) >= contrastRatio(l, 0) ? '#ffffff' : '#000000';
}
