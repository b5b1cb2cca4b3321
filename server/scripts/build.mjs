// Bundles the server and the workspace packages it uses (@clara/*) into dist/cli.js.
import { build } from 'esbuild';
import { serverBuildOptions } from './build-options.mjs';

await build(serverBuildOptions('dist'));
