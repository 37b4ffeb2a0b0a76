import type { ClickwrapMessages } from './types';

/**
 * The texts `ClickwrapModal` shows before the rest of the clickwrap has loaded (its dialog while
 * loading, or when loading failed): `en.close`, `en.modalLoading`, `en.partLoadFailed` and
 * `en.partLoadRetry`. Their one home (`en` holds them), in a module of their own so the modal's first load holds
 * only these.
 */
export const enModalShell = {
  close: 'Close',
  modalLoading: 'Loading the agreement…',
  partLoadFailed: 'This part of the form could not be loaded. Check your connection, then try again.',
  partLoadRetry: 'Try again',
  partLoading: 'Loading…',
} satisfies Pick<
  ClickwrapMessages,
  'close' | 'modalLoading' | 'partLoadFailed' | 'partLoadRetry' | 'partLoading'
>;
