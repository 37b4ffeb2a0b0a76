// The package's public entries and which source layers are client modules: read by the build
// (tsup.config.ts) and by the checks of its output (check-directives, check-pack), so they agree.

/**
 * One line per public entry. `out` is the file under dist/ (without extension), `subpath` the
 * package export. To add `react-clickwrap/server` or the CLI, add a line here and the matching
 * "exports" (or "bin") in package.json.
 */
export const ENTRIES = [
  { subpath: '.', out: 'index', source: 'src/index.ts', client: true },
  { subpath: './core', out: 'core/index', source: 'src/core/index.ts', client: false },
  {
    subpath: './core/presentation',
    out: 'core/presentation/index',
    source: 'src/core/presentation/index.ts',
    client: false,
  },
  { subpath: './messages', out: 'messages/index', source: 'src/messages/index.ts', client: false },
  { subpath: './server', out: 'server/index', source: 'src/server/index.ts', client: false },
  {
    subpath: './server/sqlite',
    out: 'server/stores/sqlite',
    source: 'src/server/stores/sqlite.ts',
    client: false,
  },
  {
    subpath: './server/postgres',
    out: 'server/stores/postgres',
    source: 'src/server/stores/postgres.ts',
    client: false,
  },
  // The CLI (`npx react-clickwrap verify | verify-log | lint`): package.json "bin", no export.
  { subpath: null, out: 'cli/bin', source: 'src/cli/bin.ts', client: false },
];

/** Source files and folders whose modules are React client modules ("use client"). */
export const CLIENT_LAYERS = ['src/index.ts', 'src/hooks/', 'src/components/', 'src/internal/'];

/** Whether a source path (relative to the repository, with `src/`) is a client module. */
export function isClientSource(file) {
  return CLIENT_LAYERS.some((layer) => file === layer || file.startsWith(layer));
}

/** Whether a path under dist/ (e.g. `components/clickwrap-modal.js`) is a client module. */
export function isClientOutput(file) {
  const source = `src/${file.replace(/\.(c|m)?js$/, '.ts')}`;
  return isClientSource(source);
}
