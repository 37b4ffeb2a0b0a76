'use client';
import type * as Later from './later-parts';
import { onDemand } from './loader';

/** The chunk of the parts shown later or in some flows only (`./later-parts`), loaded on demand. */
export const laterParts = onDemand<typeof Later>(() => import('./later-parts'));
