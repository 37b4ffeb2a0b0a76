'use client';
import type * as ModalContent from './modal-content';
import { onDemand } from './loader';

/** The modal's body (`./modal-content`), loaded on demand: preloaded when the modal mounts. */
export const modalContent = onDemand<typeof ModalContent>(() => import('./modal-content'));
