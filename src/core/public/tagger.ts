// The core's public defaultTagClause (see ../index.ts for why it is a function of a module of
// its own, not a re-export). Loads the key-clause tagger only.

import { defaultTagClause as defaultTagClausePart } from '../agreement/tags';
import type { KeyClauseTag } from '../types';

/** The default key-clause tagger (English only), exported so an app's `tagClause` can extend it. */
export function defaultTagClause(clause: { readonly text: string }): KeyClauseTag[] {
  return defaultTagClausePart(clause);
}
