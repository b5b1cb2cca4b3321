/** Renders a reliability diagram (accuracy vs mean confidence per bin, with bin counts) as SVG. */
import type { ReliabilityBin } from './metrics';

export function reliabilitySvg(title: string, bins: readonly ReliabilityBin[], ece: number): string {
  const W = 420;
  const H = 420;
  const m = 50;
  const px = (v: number) => m + v * (W - 2 * m);
  const py = (v: number) => H - m - v * (H - 2 * m);
  const total = bins.reduce((a, b) => a + b.count, 0) || 1;
  const bars = bins
    .filter((b) => b.count > 0)
    .map((b) => {
      const x = px(b.lo) + 1;
      const w = px(b.hi) - px(b.lo) - 2;
      const h = py(0) - py(b.accuracy);
      const share = (0.25 * b.count) / total;
      return (
        `<rect x="${x}" y="${py(b.accuracy)}" width="${w}" height="${h}" fill="#4a7bd0" opacity="0.75"/>` +
        `<rect x="${x}" y="${py(share)}" width="${w}" height="${py(0) - py(share)}" fill="#999" opacity="0.5"/>` +
        `<circle cx="${px(b.meanConfidence)}" cy="${py(b.accuracy)}" r="3" fill="#c33"/>`
      );
    })
    .join('');
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1]
    .map(
      (t) =>
        `<text x="${px(t)}" y="${H - m + 16}" font-size="11" text-anchor="middle">${t}</text><text x="${m - 8}" y="${py(t) + 4}" font-size="11" text-anchor="end">${t}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif"><title>Reliability diagram: ${title}</title>
<rect width="100%" height="100%" fill="white"/>
<text x="${W / 2}" y="22" font-size="13" text-anchor="middle">${title} (ECE ${ece.toFixed(3)})</text>
<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#333" stroke-dasharray="4 3"/>
<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(0)}" stroke="#000"/><line x1="${px(0)}" y1="${py(0)}" x2="${px(0)}" y2="${py(1)}" stroke="#000"/>
${bars}${ticks}
<text x="${W / 2}" y="${H - 12}" font-size="12" text-anchor="middle">confidence (blue: accuracy per bin, grey: share of queries ×4, red: mean confidence)</text>
<text x="14" y="${H / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">fraction answered correctly</text>
</svg>`;
}
