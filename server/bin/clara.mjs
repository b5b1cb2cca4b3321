#!/usr/bin/env node
// The `clara` command. Runs the built bundle when there is one (npm start builds it),
// otherwise the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (existsSync(bundle) && !process.env.CLARA_FROM_SOURCE) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
