'use client';
// The public name `useGuardianCoSign` (see ../index.ts for why it is a function of a module of its own).
import type { UseGuardianCoSignOptions, UseGuardianCoSignResult } from '../use-guardian-co-sign';
import { useGuardianCoSign as useGuardianCoSignHook } from '../use-guardian-co-sign';

/**
 * Age gate and guardian co-signing: decides from the birth date and a rule whether a legal
 * guardian must take part, collects the guardian's name, relationship and attestation, validates
 * them, optionally runs the app's own verification, and gives the receipt's guardian/minor parts.
 */
export function useGuardianCoSign(options: UseGuardianCoSignOptions = {}): UseGuardianCoSignResult {
  return useGuardianCoSignHook(options);
}
