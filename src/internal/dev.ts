'use client';

/** True outside production builds; bundlers replace `process.env.NODE_ENV` statically. */
export const __DEV__: boolean = typeof process === 'undefined' || process.env?.NODE_ENV !== 'production';

const warned = new Set<string>();

/** Logs a developer warning once per message, and only in development. */
export function warnOnce(message: string): void {
  if (!__DEV__ || warned.has(message)) return;
  warned.add(message);
  console.warn(`[react-clickwrap] ${message}`);
}
