const lin = (c: number): number => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/**
 * Black or white text on `background` (`#rrggbb`), whichever contrasts more: the widget's own
 * rule (widget/src/contrast.ts), so the preview shows the text colours visitors will see.
 */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const m = /^#?([0-9a-f]{6})$/i.exec(background.trim());
  if (!m?.[1]) return '#ffffff';
  const n = Number.parseInt(m[1], 16);
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
