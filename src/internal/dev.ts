'use client';

/**
 * True outside production builds. Bundlers (Vite, webpack, esbuild, Next.js) replace
 * `process.env.NODE_ENV` with the mode, even where the page has no `process` (so no `typeof
 * process` test, which would be false in every browser); in Node it is read as is; unbundled in
 * a browser the reference throws, and then it is development.
 */
export const __DEV__: boolean = (() => {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
})();

const warned = new Set<string>();

/** Logs a developer warning once per message, and only in development. */
export function warnOnce(message: string): void {
  if (!__DEV__ || warned.has(message)) return;
  warned.add(message);
  console.warn(`[react-clickwrap] ${message}`);
}
