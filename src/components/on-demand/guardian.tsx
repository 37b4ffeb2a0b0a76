'use client';
import type { ComponentProps } from 'react';
import type { GuardianFields } from './guardian-fields';
import { laterParts } from './parts';

/** The guardian's fields, once loaded (suspends until then: render inside `OnDemandPart`). */
export function LoadedGuardianFields(props: ComponentProps<typeof GuardianFields>) {
  const Part = laterParts.read().GuardianFields;
  return <Part {...props} />;
}
