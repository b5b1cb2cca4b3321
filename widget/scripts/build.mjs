// Bundles src/main.ts into dist/widget.js (one minified IIFE, no dependencies).

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/widget.js',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome80', 'firefox78', 'safari15'],
  legalComments: 'none',
  logLevel: 'warning',
});
