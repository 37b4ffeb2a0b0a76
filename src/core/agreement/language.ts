/**
 * Whether an agreement's language was declared by its author, without importing the parser: the
 * view (src/components/root/language.ts) and the receipt maker (src/core/receipt/create.ts) read
 * it, and neither may pull the markdown parser into a first load.
 */

/**
 * Set (to true) on an agreement parsed without a `language`: its "en" is the default, not the
 * author's word, so the view marks none of its text with a `lang` (it inherits the page's) and
 * reads its direction from the text, and a receipt records no language for it. A non-enumerable
 * key of the global symbol registry, so the agreement stays the same plain data: JSON, hashes,
 * copies and deep equality do not see it.
 */
export const LANGUAGE_NOT_GIVEN = Symbol.for('react-clickwrap.agreement.language-not-given');

/**
 * The language the agreement's author declared for its text (`language`), or undefined when none
 * was: parsed without one, its "en" is only a default. A plain object with a `language` string
 * declares it.
 */
export function declaredLanguage(agreement: { language?: unknown }): unknown {
  if ((agreement as Record<symbol, unknown>)[LANGUAGE_NOT_GIVEN] === true) return undefined;
  return agreement.language;
}
