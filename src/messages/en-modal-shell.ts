import type { ClickwrapMessages } from './types';

/**
 * The texts `ClickwrapModal` says outside the rest of the clickwrap: its dialog while that loads,
 * or when loading failed (`en.close`, `en.modalLoading`, `en.partLoadFailed`, `en.partLoadRetry`),
 * and what it announces once it has closed on a decision (`en.accepted`, `en.declined`). Their one
 * home (`en` holds them), in a module of their own so the modal's first load holds only these.
 */
export const enModalShell = {
  close: 'Close',
  modalLoading: 'Loading the agreement…',
  partLoadFailed: 'This part of the form could not be loaded. Check your connection, then try again.',
  partLoadRetry: 'Try again',
  partLoading: 'Loading…',
  accepted: 'Accepted. Your consent is recorded.',
  declined: 'You declined the agreement.',
} satisfies Pick<
  ClickwrapMessages,
  'close' | 'modalLoading' | 'partLoadFailed' | 'partLoadRetry' | 'partLoading' | 'accepted' | 'declined'
>;
