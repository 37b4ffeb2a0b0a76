'use client';
import type * as ModalEngine from './modal-engine';
import { onDemand } from './loader';

/** `ClickwrapModal` but its trigger (`./modal-engine`), loaded on demand: preloaded when the modal mounts. */
export const modalEngine = onDemand<typeof ModalEngine>(() => import('./modal-engine'));
