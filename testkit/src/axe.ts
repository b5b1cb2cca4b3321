/* biome-ignore-all lint/suspicious/noExplicitAny: axe results are read in the browser */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious, critical and moderate violations on the page (minor ones aside), each as
 * "rule (count): the first two offending elements".
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result: any = await page.evaluate(() =>
    (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v: any) => v.impact !== 'minor')
    .map(
      (v: any) =>
        `${v.id} (${v.nodes.length}): ${v.nodes
          .slice(0, 2)
          .map((n: any) => n.target.join(' '))
          .join(' | ')}`,
    );
}
