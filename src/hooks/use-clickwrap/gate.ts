'use client';

/**
 * The gate over one snapshot: what the one rule set finds missing (./receipt.ts gives it the
 * state), in words. Apart from ./receipt.ts so that the receipt maker, loaded on demand, does not
 * carry the gate's messages into its chunk.
 */
import { missingRequirements as coreMissingRequirements } from '../../core/receipt/rules';
import { requirementsState, type ClickwrapSnapshot } from './receipt';
import {
  defaultGateMessages,
  describeMissing,
  type GateMessages,
  type MissingRequirement,
} from './requirements';

/** The gate: what still stands between the person and accepting, worded. */
export function gate(
  s: ClickwrapSnapshot,
  messages: GateMessages = defaultGateMessages,
): MissingRequirement[] {
  return describeMissing(
    coreMissingRequirements(requirementsState(s)),
    {
      titles: Object.fromEntries(s.documents.map((d) => [d.agreement.id, d.agreement.title])),
      labels: Object.fromEntries(s.acknowledgements.map((a) => [a.id, a.label])),
    },
    messages,
    // Counts written as the UI's locale writes them, as the rest of the clickwrap's numbers.
    s.locale,
  );
}
