// The esbuild options of the server bundle (dist/cli.js): the server and the workspace packages
// it uses (@clara/*) bundled; every other package stays an import from node_modules. Shared by
// `npm run build` and the tests that run the bundle as a child process.

/** esbuild options writing the bundle into `outdir`, resolved from the server folder `cwd`. */
export function serverBuildOptions(outdir, cwd = process.cwd()) {
  return {
    absWorkingDir: cwd,
    entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'externals',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@clara/') ? undefined : { external: true },
          );
        },
      },
    ],
  };
}
