// The core's public missingRequirements (see ../index.ts for why it is a function of a module of
// its own, not a re-export). Loads the one rule set only, which the hooks' gate loads anyway: an
// app with a UI of its own (useClickwrap) checks a consent without the receipt maker.

import {
  missingRequirements as missingRequirementsPart,
  type MissingRequirement,
  type RequirementsState,
} from '../receipt/rules';

/**
 * Every requirement that does not hold yet, in a stable order that follows the page: reading
 * the agreement, then each additional document, age and guardian, organisation,
 * acknowledgements, assent. Empty means the consent is complete.
 */
export function missingRequirements(state: RequirementsState): MissingRequirement[] {
  return missingRequirementsPart(state);
}
