// The core's public createReceipt (see ../index.ts for why it is a function of a module of its
// own, not a re-export). Loads the receipt maker: its checks, its shape, the hash and the
// summaries (which import the markdown parser on demand, with import()).

import { createReceipt as createReceiptPart } from '../receipt/create';
import type { CreateReceiptInput } from '../receipt/types';
import type { ConsentReceipt } from '../types';

/**
 * Makes a consent receipt: hashes the canonical agreement text into `agreement.sha256`, records
 * the canonicalisation version, normalises every date to a UTC ISO 8601 string, and seals the
 * result with `integrity`. The receipt's keys (and its nested objects' keys) are in the fixed
 * order of `ConsentReceipt` and the JSON Schema.
 *
 * Rejects with a {@link ReceiptError} whose message says what to pass instead when the input is
 * not a valid consent: a missing signer id, empty agreement text, an invalid date or one without
 * a time zone, `acceptedAt` before `shownAt`, `reachedEnd` without `reachedEndAt` (or the
 * reverse), repeated key clauses or more than the total, a guardian without a minor (or the
 * reverse), an acknowledgement without a label, or any ill-typed field. It also refuses what
 * the one rule set (`missingRequirements`) finds missing, from the reading recorded and from
 * `requirements` (what the flow required): those problems carry the rule's code in
 * `requirement`. The signer's name is stored trimmed, and null when blank.
 */
export function createReceipt(input: CreateReceiptInput): Promise<ConsentReceipt> {
  return createReceiptPart(input);
}
