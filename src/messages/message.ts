/**
 * What one text of the catalogue is: a string with named placeholders, or a function of the
 * same values. Framework-free, like the rest of src/messages.
 */

/** A value a text can take: numbers and lists are formatted for the locale (see `format`). */
export type MessageValue = string | number | readonly string[];

/** The named values of a text with placeholders. */
export type MessageValues = Record<string, MessageValue>;

/**
 * A text with named placeholders (`'{seen} of {total} read'`), a count's words in the locale's
 * plural forms (`'{total, plural, one {# passage} other {# passages}}'`, ICU MessageFormat's
 * plural: see `format`), or a function of the same values for a language that needs other logic.
 * The catalogues hold only strings, so a catalogue can cross from a Server Component to a Client
 * Component; a function works only in client code.
 */
export type Message<P extends MessageValues> = string | ((values: P) => string);

/** Reading progress: how many of how many. */
export type Progress = { seen: number; total: number };
/** An additional document's progress. */
export type DocumentProgress = { title: string; seen: number; total: number };
/** How many documents the clickwrap shows: 1, or 1 + its additional `documents`. */
export type DocumentCount = { count: number };
