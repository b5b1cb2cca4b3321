import type { BuildOptions } from 'esbuild';
/** esbuild options writing the server bundle into `outdir`, resolved from the server folder `cwd`. */
export function serverBuildOptions(outdir: string, cwd?: string): BuildOptions;
