import { copyFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  // Dependencies stay imports: the app's bundler dedupes them and tree-shakes what is unused.
  external: ['react', 'react-dom', 'react/jsx-runtime'],
};

export default defineConfig([
  {
    // react-clickwrap/core: framework-free and directive-free, so a React Server Component or a
    // Node server can import and call it.
    ...shared,
    entry: { 'core/index': 'src/core/index.ts' },
    platform: 'neutral',
    clean: true,
  },
  {
    // react-clickwrap: hooks and components. Every emitted file is a client module: esbuild drops
    // module-level directives when it bundles, so the banner puts "use client" back on each file.
    // (No `treeshake` option: it hands the output to Rollup, which drops the banner; esbuild
    // already tree-shakes, and the app's bundler does the rest.)
    ...shared,
    entry: { index: 'src/index.ts' },
    platform: 'browser',
    banner: { js: '"use client";' },
    clean: false,
    // The default theme ships as a plain stylesheet: react-clickwrap/styles.css.
    onSuccess: () => copyFile('src/components/styles.css', 'dist/styles.css'),
  },
]);
