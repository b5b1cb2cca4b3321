// Bundles src/main.ts into dist/widget.js (one minified IIFE, no dependencies), and the contract's
// markdown-to-HTML renderer into dist/markdown.js (an IIFE setting `ClaraMarkdown`), which the
// server's demo page (Install → Try it now) loads from /demo/markdown.js to show replies as the
// widget does.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome80', 'firefox78', 'safari15'],
  legalComments: 'none',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/widget.js' }),
  build({
    ...common,
    entryPoints: ['@clara/contract/markdown-html'],
    outfile: 'dist/markdown.js',
    globalName: 'ClaraMarkdown',
  }),
]);
