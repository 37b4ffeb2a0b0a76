/**
 * The order of a date's day, month and year in a language (11/23/2006, 23/11/2006, 2006/11/23),
 * for fields the person fills in that order. Framework-free and pure: the same on the server as
 * in the browser (see date-order.fixtures.ts, checked in Node and in Chromium).
 */

/** One of the three numbers of a date. */
export type DatePart = 'day' | 'month' | 'year';

/** GOV.UK's order: for a tag Intl refuses or an unknown locale, as before locales were read. */
const DAY_MONTH_YEAR: readonly DatePart[] = ['day', 'month', 'year'];

const orders = new Map<string, readonly DatePart[]>();

/**
 * The order `locale` writes a numeric Gregorian date in, from `Intl.DateTimeFormat`'s
 * `formatToParts`: month, day, year for `en` and `en-US`; day, month, year for `en-GB` and `ar`;
 * year, month, day for `zh-CN`, `ja` and ISO-like locales (`sv`, `en-CA`). Without a locale, or
 * for a tag Intl refuses, day, month, year: never the runtime's default locale, which differs
 * between a server and a browser.
 */
export function datePartOrder(locale: string | undefined): readonly DatePart[] {
  if (!locale) return DAY_MONTH_YEAR;
  let order = orders.get(locale);
  if (!order) {
    try {
      order = new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        calendar: 'gregory',
        numberingSystem: 'latn',
        timeZone: 'UTC',
      })
        .formatToParts(0)
        .map((part) => part.type)
        .filter((type): type is DatePart => type === 'day' || type === 'month' || type === 'year');
    } catch {
      order = DAY_MONTH_YEAR;
    }
    if (order.length !== 3 || new Set(order).size !== 3) order = DAY_MONTH_YEAR;
    orders.set(locale, order);
  }
  return order;
}

/** 27 March 2007, the example date of the birth-date hint. */
const EXAMPLE: Readonly<Record<DatePart, number>> = { day: 27, month: 3, year: 2007 };

/**
 * The example date for fields in `order`, as a person types it ("3 27 2007" in US English,
 * "2007 3 27" in Chinese), in the locale's digits (Arabic-Indic for `ar-EG`), no grouping.
 */
export function dateExample(order: readonly DatePart[], locale: string | undefined): string {
  let digits: (n: number) => string = String;
  try {
    if (locale) digits = new Intl.NumberFormat(locale, { useGrouping: false }).format;
  } catch {
    // An invalid tag: ASCII digits, the same on the server and in the browser.
  }
  return order.map((part) => digits(EXAMPLE[part])).join(' ');
}
