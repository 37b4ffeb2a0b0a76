// The core's public diffAgreements (see ../index.ts for why it is a function of a module of its
// own, not a re-export). On its own because the diff reads each version's blocks, which parses
// an agreement without a tree: it loads the markdown parser, which no other public function
// should bring into an app's first load.

import { diffAgreements as diffAgreementsPart, type MinorChangesMarking } from '../diff/diff-agreements';
import type { AgreementDiff } from '../diff/types';
import type { Agreement } from '../types';

/**
 * Compares two versions of one agreement clause by clause, for re-consent: what was added,
 * removed or changed (with a word-level diff), whether any key clause is involved, and which
 * sections a reader needs to re-read. Two versions with the same canonical text (whatever their
 * version strings) have no changes; two with the same version string but different text are
 * compared all the same.
 * @param previous The version the person accepted, from `parseAgreement`.
 *
 * Each change is `material` (fresh assent) unless the author marks it minor in
 * `options.minorChanges`, written against the version just before `current`; a key clause added
 * or removed, or a clause that became or stopped being one, is always material.
 * @param previous The version the person accepted, from `parseAgreement`.
 * @param current The version now served, from `parseAgreement`.
 * @param options `minorChanges`: the author's marking of `current`'s minor changes.
 * @throws AgreementError (`different-agreements`) when the two have different ids, and
 *   (`invalid-input`) when either is not an Agreement, or the marking is malformed, names a
 *   change that does not exist, or marks a key-clause change minor.
 */
export function diffAgreements(
  previous: Agreement,
  current: Agreement,
  options?: { minorChanges?: MinorChangesMarking | null },
): AgreementDiff {
  return diffAgreementsPart(previous, current, options);
}
