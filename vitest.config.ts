import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

/**
 * One Chromium setup for every browser project. A factory, so each project gets its own
 * provider instance and Chromium is only looked for when a browser project actually runs.
 */
export function chromiumBrowser() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({
      launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    }),
    instances: [{ browser: 'chromium' as const }],
    viewport: { width: 1024, height: 768 },
  };
}

const dirname = path.dirname(fileURLToPath(import.meta.url));

// `vitest --project core` (or dom, node) should not need a Chromium on the machine.
const requested = process.argv.flatMap((arg, i, all) =>
  arg === '--project' ? [all[i + 1] ?? ''] : arg.startsWith('--project=') ? [arg.slice(10)] : [],
);
const onlyHeadless =
  requested.length > 0 && requested.every((name) => ['core', 'server', 'dom', 'node'].includes(name));
const browserProject = onlyHeadless
  ? []
  : [
      {
        extends: true as const,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'],
          browser: chromiumBrowser(),
        },
      },
      {
        // Every story is a test: it renders, its play function passes, and axe finds nothing
        // (`parameters.a11y.test = 'error'` in .storybook/preview.tsx).
        extends: true as const,
        plugins: [storybookTest({ configDir: path.join(dirname, '.storybook') })],
        test: {
          name: 'storybook',
          browser: chromiumBrowser(),
        },
      },
    ];

export default defineConfig({
  plugins: [react()],
  // Pre-bundle up front: on a cold cache Vite would otherwise discover these mid-run, reload
  // the test page and, once, load a second React.
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      'react-dom/server',
      'vitest-browser-react',
      'axe-core',
      'fast-check',
      'mdast-util-from-markdown',
      'mdast-util-to-string',
      'diff',
      'react-markdown',
      '@radix-ui/react-dialog',
      'react-hook-form',
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: ['src/core/**/*.test.ts', 'agreements/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.{browser,dom,node}.test.*', '**/node_modules/**'],
        },
      },
      {
        // react-clickwrap/server and the CLI: Node only, against SQLite and (when it can be
        // started) a throwaway PostgreSQL.
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['src/server/**/*.test.ts', 'src/cli/**/*.test.ts'],
          exclude: ['**/*.{browser,dom,node}.test.*', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.dom.test.{ts,tsx}', 'test/**/*.dom.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.node.test.{ts,tsx}', 'test/**/*.node.test.{ts,tsx}'],
        },
      },
      ...browserProject,
    ],
  },
});
