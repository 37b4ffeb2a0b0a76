'use client';
// The public name `useClickwrap` (see ../index.ts for why it is a function of a module of its own).
import type { UseClickwrapOptions, UseClickwrapResult } from '../use-clickwrap';
import { useClickwrap as useClickwrapHook } from '../use-clickwrap';

/**
 * The whole clickwrap: reading (scroll to end, key clauses), age gate and guardian, required
 * acknowledgements, organisation signer and the assent, gated into one accept button that
 * explains itself; builds the consent receipt and delivers it once, retrying the same receipt
 * after a failure. The gate and the receipt follow the core's one rule set.
 */
export function useClickwrap(options: UseClickwrapOptions): UseClickwrapResult {
  return useClickwrapHook(options);
}
