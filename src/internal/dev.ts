'use client';

/*
 * Development warnings. Every call site guards itself with
 * `process.env.NODE_ENV !== 'production'`, written out in full, as React, Radix and React Aria
 * do: bundlers (Vite, webpack, esbuild, Next.js) replace that expression with a constant, and
 * their minifiers then drop the whole branch, the message's text included. A flag imported from
 * here would not be dropped: esbuild does not inline constants across modules, so 2 KB of
 * messages stayed in production bundles. Where no bundler runs, `process.env.NODE_ENV` is read
 * as is (Node, Deno, Bun); React's own entry reads it the same way, so anywhere React runs, so
 * does this.
 */

const warned = new Set<string>();

/** Logs a developer warning once per message. Call it under the guard above. */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[react-clickwrap] ${message}`);
}
