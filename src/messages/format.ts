/**
 * Filling the catalogue's texts: placeholders, numbers and lists through `Intl`, so every
 * language formats them its own way. Framework-free and pure (no clock, no globals read).
 */
import type { ClickwrapMessages, Message, MessageValue, MessageValues } from './types';

/** Intl's constructors throw for an invalid tag; English then, the same on server and client. */
function safely<T>(make: (locale: string | undefined) => T, locale: string | undefined): T {
  try {
    return make(locale);
  } catch {
    return make('en');
  }
}

/** A list as the language joins it ("a, b and c", "a、b和c"). */
export function formatList(items: readonly string[], locale: string | undefined): string {
  if (items.length < 2) return items[0] ?? '';
  return safely((tag) => new Intl.ListFormat(tag ?? 'en', { type: 'conjunction' }), locale).format(items);
}

function formatValue(value: MessageValue | null | undefined, locale: string | undefined): string {
  // A value the app did not have (JavaScript callers): nothing, rather than a crash or "undefined".
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // Without a locale, digits as they are: identical in every runtime (no hydration mismatch).
    return locale === undefined
      ? String(value)
      : safely((tag) => new Intl.NumberFormat(tag), locale).format(value);
  }
  if (typeof value === 'string') return value;
  return formatList(value, locale);
}

/**
 * Fills a text's `{name}` placeholders (or calls it, when it is a function). Numbers go through
 * `Intl.NumberFormat` and lists through `Intl.ListFormat` for `locale`; unknown names are left as
 * they are, so a typo shows instead of vanishing.
 */
export function format<P extends MessageValues>(
  message: Message<P>,
  values: NoInfer<P>,
  locale?: string,
): string {
  if (typeof message === 'function') return String(message(values) ?? '');
  if (typeof message !== 'string') {
    throw new TypeError(
      `react-clickwrap: a text of the messages catalogue is ${message === null ? 'null' : typeof message}, not a string or a function. ` +
        'A catalogue written for an earlier version lacks the texts added since: add them (the bundled ' +
        'catalogues of react-clickwrap/messages have every one), and check yours with `satisfies ClickwrapMessages`.',
    );
  }
  values ??= {} as NoInfer<P>;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? formatValue(values[name] as MessageValue, locale) : whole,
  );
}

/** The placeholder names a text uses, in order of first use (for checks and tests). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
}

/**
 * Every document's title as the assent label says it: each through `messages.documentTitle`,
 * joined as a list in the UI language ("the Terms and the Privacy Policy").
 */
export function documentTitles(
  messages: Pick<ClickwrapMessages, 'documentTitle'>,
  titles: readonly string[],
  locale: string,
): string {
  return formatList(
    titles.map((title) => format(messages.documentTitle, { title })),
    locale,
  );
}

/** The line under the title: the usual one, or the re-consent one for the reading asked for. */
export function defaultDescription(
  messages: Pick<
    ClickwrapMessages,
    'description' | 'reconsentDescription' | 'reconsentDescriptionChanges' | 'minorChangesText'
  >,
  reconsent: { reading: 'whole' | 'changes'; mode?: 'notice' | 'assent' } | null,
): string {
  if (!reconsent) return messages.description;
  if (reconsent.mode === 'notice') return messages.minorChangesText;
  return reconsent.reading === 'changes'
    ? messages.reconsentDescriptionChanges
    : messages.reconsentDescription;
}
