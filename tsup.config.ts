import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { build as esbuild, type Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';
import { inlineCss } from './scripts/inline-css.mjs';
import { ENTRIES, isClientSource } from './scripts/package-entries.mjs';

/** A module-level `const X = forwardRef(` (or createContext, memo, lazy): only creates a value. */
const PURE_DEFINITION =
  /^((?:export\s+)?(?:const|let|var)\s+[\w$]+[^=\n]*=\s*)((?:React\.)?(?:forwardRef|createContext|memo|lazy)\b)/gm;

/** A file of a dependency (the CommonJS build bundles some). */
const NODE_MODULES = /[\\/]node_modules[\\/]/;

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** Every source module the public entries reach (dependencies are not followed). */
async function reachableModules(): Promise<string[]> {
  const result = await esbuild({
    entryPoints: ENTRIES.map((entry) => entry.source),
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    format: 'esm',
    platform: 'neutral',
    outdir: 'dist-probe',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs)
    .filter((file) => file.startsWith('src/'))
    .sort();
}

/**
 * One output file per source module: every relative import stays an import, pointing at the
 * emitted file (with its extension, as Node's ESM loader needs). Each module then exists once
 * in dist, shared by both entries, and an app's bundler can skip the modules it does not use.
 */
function perModuleOutput(): Plugin {
  return {
    name: 'per-module-output',
    setup(build) {
      const outExtension = build.initialOptions.format === 'cjs' ? '.cjs' : '.js';
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        // Inside a dependency the CommonJS build bundles (see cjsDependencies): esbuild resolves.
        if (NODE_MODULES.test(args.importer)) return undefined;
        const base = path.resolve(args.resolveDir, args.path);
        const found = SOURCE_EXTENSIONS.map((ext) => base + ext).find((file) => existsSync(file));
        if (!found) {
          return {
            errors: [{ text: `Cannot map "${args.path}" to a source module (imported by ${args.importer})` }],
          };
        }
        let specifier = path
          .relative(path.dirname(args.importer), found)
          .replace(/\.tsx?$/, outExtension)
          .split(path.sep)
          .join('/');
        if (!specifier.startsWith('.')) specifier = `./${specifier}`;
        return { path: specifier, external: true };
      });
    },
  };
}

/**
 * Dependencies published as ES modules only. Node before 20.19 / 22.12 (and Jest) cannot
 * `require()` them, so the CommonJS build bundles them, with everything they import, once:
 * into CJS_VENDOR, which the modules that import them require (see cjsDependencies). The ESM
 * build keeps them imports, like every dependency.
 */
const ESM_ONLY_DEPENDENCIES = ['react-markdown', 'mdast-util-from-markdown', 'mdast-util-to-string'];

/**
 * The CommonJS build's one copy of ESM_ONLY_DEPENDENCIES (dist/vendor/markdown.cjs): each
 * package's exports under its name in camel case (`reactMarkdown.default`). Bundled into each
 * module that imported one, the markdown parser was in three files (agreement-view, the core's
 * chunks and lint's source): the tarball grew from 1.19 to 1.71 MB; with one copy, 1.46 MB.
 * scripts/check-package.mjs fails when another CommonJS module bundles a dependency.
 *
 * It has no source map: it is the dependencies' own code, not minified, each file under a
 * `// node_modules/<package>/<file>` comment, so a stack trace into it reads as it is. Its map
 * (820 KB, 0.16 MB of the tarball gzipped) held the dependencies' sources again, and without them
 * (`sourcesContent: false`, 230 KB) it would point at ../../node_modules/<package>/ from
 * dist/vendor/, which in an app's install is not where npm puts them (nor necessarily the version
 * bundled). Tarball (npm pack, 2 Dec): 1.48 MB with the map, 1.36 without its sources, 1.32 MB
 * (6.27 MB unpacked, was 7.09) without it.
 */
const CJS_VENDOR = 'vendor/markdown';
const vendorKey = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** Builds CJS_VENDOR (framework-free: no directive; react stays a `require()`). */
async function buildCjsVendor(): Promise<void> {
  await esbuild({
    stdin: {
      contents: ESM_ONLY_DEPENDENCIES.map((name) => `export * as ${vendorKey(name)} from '${name}';`).join(
        '\n',
      ),
      resolveDir: process.cwd(),
      sourcefile: `${CJS_VENDOR}.js`,
      loader: 'js',
    },
    outfile: `dist/${CJS_VENDOR}.cjs`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'es2022',
    sourcemap: false,
    plugins: [cjsDependencies()],
    logLevel: 'warning',
  });
}

/** What stays a `require()` in the CommonJS build, even where a bundled dependency imports it. */
const CJS_EXTERNAL = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^@radix-ui\//,
  /^diff$/,
  /^better-sqlite3$/,
  /^pg$/,
];

const isPackage = (specifier: string, name: string) => specifier === name || specifier.startsWith(`${name}/`);

/**
 * The CommonJS build's dependencies: node's builtins, CJS_EXTERNAL and every other dependency of
 * ours stay `require()`s; ESM_ONLY_DEPENDENCIES and what they import are bundled, into
 * CJS_VENDOR. With `vendor` (the per-module build), a source module's import of one resolves to
 * a small module standing for it, whose names are read from CJS_VENDOR's copy: `import Markdown
 * from 'react-markdown'` becomes `require("../vendor/markdown.cjs").reactMarkdown.default`, so
 * no default-import interop is involved.
 */
function cjsDependencies(vendor?: { exports: Record<string, string[]> }): Plugin {
  return {
    name: 'cjs-dependencies',
    setup(build) {
      if (vendor) {
        build.onResolve({ filter: /.*/, namespace: 'cjs-vendor' }, (args) => ({
          path: args.path,
          external: true,
        }));
        build.onLoad({ filter: /.*/, namespace: 'cjs-vendor' }, (args) => {
          const { name, specifier } = args.pluginData as { name: string; specifier: string };
          const names = vendor.exports[name] ?? [];
          return {
            contents: [
              `import { ${vendorKey(name)} as dependency } from ${JSON.stringify(specifier)};`,
              ...names.map((n) =>
                n === 'default'
                  ? 'export default dependency.default;'
                  : `export const ${n} = dependency.${n};`,
              ),
            ].join('\n'),
            loader: 'js',
            resolveDir: process.cwd(),
          };
        });
      }
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (vendor && !NODE_MODULES.test(args.importer) && ESM_ONLY_DEPENDENCIES.includes(args.path)) {
          // The output's path of CJS_VENDOR, as perModuleOutput writes a relative import.
          let specifier = path
            .relative(path.dirname(args.importer), path.resolve('src', `${CJS_VENDOR}.cjs`))
            .split(path.sep)
            .join('/');
          if (!specifier.startsWith('.')) specifier = `./${specifier}`;
          return {
            path: `${args.path} from ${specifier}`,
            namespace: 'cjs-vendor',
            pluginData: { name: args.path, specifier },
          };
        }
        // A builtin a bundled dependency names without `node:` gets it (see removeNodeProtocol).
        if (isBuiltin(args.path)) {
          return { path: args.path.startsWith('node:') ? args.path : `node:${args.path}`, external: true };
        }
        if (CJS_EXTERNAL.some((pattern) => pattern.test(args.path)))
          return { path: args.path, external: true };
        const bundled =
          NODE_MODULES.test(args.importer) ||
          ESM_ONLY_DEPENDENCIES.some((name) => isPackage(args.path, name));
        return bundled ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * Two edits to each source module as it is loaded:
 * - its own "use client" goes: the banner puts exactly one on every client module, so a module
 *   never carries two (which made every Vite build of an app print MODULE_LEVEL_DIRECTIVE);
 * - module-level calls of React's factories get a pure annotation, so an app's bundler drops the
 *   components it does not use even from a module it does import (esbuild keeps the comment).
 */
function sourceTransforms(): Plugin {
  return {
    name: 'source-transforms',
    setup(build) {
      build.onLoad({ filter: /\/src\/.*\.tsx?$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const contents = text
          .replace(/^(\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*)(['"])use client\2;?/, '$1')
          .replace(PURE_DEFINITION, '$1/* @__PURE__ */ $2');
        return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
      });
    },
  };
}

/** react-clickwrap/styles.css to TypeScript: a module with no exports, imported for its effect. */
const STYLES_DECLARATION =
  '// react-clickwrap/styles.css: the default theme, imported for its effect only.\nexport {};\n';

const outName = (file: string) => file.replace(/^src\//, '').replace(/\.tsx?$/, '');

export default defineConfig(async (): Promise<Options[]> => {
  const modules = await reachableModules();
  // What each ESM-only dependency exports, for the modules standing for it (cjsDependencies).
  const vendor = {
    exports: Object.fromEntries(
      await Promise.all(
        ESM_ONLY_DEPENDENCIES.map(async (name) => [name, Object.keys(await import(name))] as const),
      ),
    ),
  };
  const shared: Options = {
    sourcemap: true,
    target: 'es2022',
    bundle: true,
    splitting: false,
    treeshake: false,
    // Dependencies stay imports: the app's bundler dedupes them and tree-shakes what is unused.
    skipNodeModulesBundle: true,
    external: [/^react($|\/)/, /^react-dom($|\/)/, /^node:/, 'better-sqlite3', 'pg'],
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
    // Builtins keep their `node:` prefix (tsup 8 strips it by default): Deno and the Node
    // compatibility of edge runtimes (Cloudflare Workers) resolve only the prefixed names.
    removeNodeProtocol: false,
    esbuildPlugins: [sourceTransforms(), perModuleOutput()],
  };
  /**
   * The ESM and the CommonJS build of `options`. The CommonJS one bundles the ESM-only
   * dependencies (cjsDependencies decides, so tsup's own externals step aside), resolved as
   * Node resolves them: CommonJS output is for Node and Jest (bundlers take the ESM).
   */
  const formats = (options: Options, cjsOnSuccess?: () => Promise<void>): Options[] => [
    { ...options, format: 'esm' },
    {
      ...options,
      format: 'cjs',
      platform: 'node',
      clean: false,
      onSuccess: cjsOnSuccess,
      noExternal: [/^[^./]/],
      esbuildPlugins: [cjsDependencies(vendor), ...(options.esbuildPlugins ?? [])],
    },
  ];
  const group = (client: boolean) =>
    Object.fromEntries(
      modules.filter((file) => isClientSource(file) === client).map((file) => [outName(file), file]),
    );
  return [
    ...formats(
      {
        // Framework-free modules (core): no directive, platform-neutral.
        ...shared,
        entry: group(false),
        platform: 'neutral',
        clean: true,
      },
      buildCjsVendor,
    ),
    ...formats({
      // Client modules (hooks, components): "use client" once at the top of each file.
      ...shared,
      entry: group(true),
      platform: 'browser',
      // esbuild would replace process.env.NODE_ENV with "development" for the browser platform
      // (the build is not minified): kept as written, so the app's bundler decides, and
      // development-only code (warnings, the notice rules) drops out of production builds.
      define: { 'process.env.NODE_ENV': 'process.env.NODE_ENV' },
      banner: { js: '"use client";' },
      clean: false,
      // The default theme ships as one plain stylesheet, react-clickwrap/styles.css: the source's
      // parts (@imports of src/components/styles/) inlined, so no consumer resolves an @import.
      // Its empty declarations ("types" in package.json) let TypeScript 6+ check the app's
      // side-effect `import 'react-clickwrap/styles.css'` (TS2882 without them).
      onSuccess: async () => {
        await writeFile('dist/styles.css', inlineCss('src/components/styles.css'));
        for (const file of ['dist/styles.css.d.ts', 'dist/styles.css.d.cts'])
          await writeFile(file, STYLES_DECLARATION);
      },
    }),
    {
      // Types for the public entries only.
      entry: Object.fromEntries(ENTRIES.map((entry) => [entry.out, entry.source])),
      format: ['esm', 'cjs'],
      dts: { only: true },
      clean: false,
    },
  ];
});
