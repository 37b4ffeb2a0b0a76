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

/** A plural branch's text: words and `{name}` placeholders, no nested braces. */
const TEXT = String.raw`[^{}]*(?:\{\w+\}[^{}]*)*`;
const BRANCH = String.raw`(=\d+|zero|one|two|few|many|other)\s*\{(${TEXT})\}`;
/** `{count, plural, one {# term} other {# terms}}` (ICU MessageFormat's plural), or `{name}`. */
const PLACEHOLDER = new RegExp(String.raw`\{(\w+),\s*plural,((?:\s*${BRANCH})+)\s*\}|\{(\w+)\}`, 'g');

/**
 * The branch of a plural for `value`: `=n` for exactly n, else the locale's plural category
 * (`Intl.PluralRules`: English has one and other, Arabic zero, one, two, few, many and other),
 * else `other`; its `#` is the number, formatted. Without a locale, English rules (never the
 * runtime's default, which differs between a server and a browser).
 */
function plural(branches: string, value: MessageValue | undefined, locale: string | undefined): string {
  const forms = new Map([...branches.matchAll(new RegExp(BRANCH, 'g'))].map((m) => [m[1], m[2]!]));
  const n = typeof value === 'number' ? value : Number(value);
  const category = Number.isFinite(n)
    ? safely((tag) => new Intl.PluralRules(tag ?? 'en'), locale).select(n)
    : 'other';
  const text = forms.get(`=${n}`) ?? forms.get(category) ?? forms.get('other') ?? '';
  return text.replace(/#/g, () => formatValue(value, locale));
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
 * they are, so a typo shows instead of vanishing. A count's words take the locale's plural form
 * with ICU MessageFormat's plural: `{total, plural, one {# term} other {# terms}}` (branches
 * `=0`…, `zero`, `one`, `two`, `few`, `many`, `other`; `#` is the number; a branch may hold
 * `{name}`s but no other plural).
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
  const fill = (text: string): string =>
    text.replace(
      PLACEHOLDER,
      (whole, count?: string, branches?: string, _f?: string, _t?: string, name?: string) => {
        const key = (count ?? name)!;
        if (!Object.hasOwn(values, key)) return whole;
        const value = values[key] as MessageValue;
        return count === undefined ? formatValue(value, locale) : fill(plural(branches!, value, locale));
      },
    );
  return fill(message);
}

/** The placeholder names a text uses (a plural's and those in its branches), in order of first use. */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m[1] === undefined) names.push(m[5]!);
    else {
      names.push(m[1]);
      for (const branch of m[2]!.matchAll(new RegExp(BRANCH, 'g'))) names.push(...placeholders(branch[2]!));
    }
  }
  return [...new Set(names)];
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

/**
 * The line under the title: the usual one, or the re-consent one for the reading asked for;
 * once the person has decided (`decision`), what is now true instead, as the instruction to read
 * and accept no longer applies. `count` is how many documents are shown, for the texts that say
 * "the agreement" or "these documents"; `locale` is the UI's, for their plural forms.
 */
export function defaultDescription(
  messages: Pick<
    ClickwrapMessages,
    | 'description'
    | 'descriptionAccepted'
    | 'descriptionDeclined'
    | 'reconsentDescription'
    | 'reconsentDescriptionChanges'
    | 'minorChangesText'
  >,
  reconsent: { reading: 'whole' | 'changes'; mode?: 'notice' | 'assent' } | null,
  decision: 'accepted' | 'declined' | null = null,
  count = 1,
  locale?: string,
): string {
  if (decision === 'accepted') return format(messages.descriptionAccepted, { count }, locale);
  if (decision === 'declined') return format(messages.descriptionDeclined, { count }, locale);
  if (!reconsent) return format(messages.description, { count }, locale);
  if (reconsent.mode === 'notice') return messages.minorChangesText;
  return format(
    reconsent.reading === 'changes' ? messages.reconsentDescriptionChanges : messages.reconsentDescription,
    { count },
    locale,
  );
}
