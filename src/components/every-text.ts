'use client';

import { warnOnce } from '../internal/dev';
import { completeMessages, missingMessagesWarning } from '../messages/complete';

/**
 * The catalogue a component renders with: `given`, with each text it lacks taken from `fallback`
 * (the bundled one the component already holds), so a catalogue written for an earlier version
 * or loaded as JSON never crashes the render nor leaves a button without a name. In development
 * a warning names the missing texts, once per catalogue. Pure: no state, the same object for
 * the same catalogue.
 */
export function everyText<T extends object>(given: T, fallback: T): T {
  const { messages, missing } = completeMessages(given, fallback);
  if (process.env.NODE_ENV !== 'production' && missing.length > 0) {
    warnOnce(missingMessagesWarning(missing, (given as { locale?: unknown }).locale));
  }
  return messages;
}
