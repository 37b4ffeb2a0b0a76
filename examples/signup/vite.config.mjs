// The signup app, built the way a user of react-clickwrap builds theirs: the package is imported
// by its name ('react-clickwrap', 'react-clickwrap/core', 'react-clickwrap/styles.css') and
// resolves, through the root package.json's "exports" (a package may import itself by name), to
// the built dist/, never to src/.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // Vite's own dep-optimizer cache, beside the example (gitignored with the root's node_modules).
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite-signup', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // One chunk of ~500 kB (React, react-markdown, the library): fine for a demo.
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Libraries' "use client" directives mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
