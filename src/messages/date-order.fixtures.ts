// The orders `datePartOrder` must give, checked in Node (the server) and in Chromium (the
// browser): a locale whose ICU data differed between the two would render the birth-date fields
// in one order on the server and another after hydration. The bundled catalogues' locales first.
import type { DatePart } from './date-order';

const MDY: readonly DatePart[] = ['month', 'day', 'year'];
const DMY: readonly DatePart[] = ['day', 'month', 'year'];
const YMD: readonly DatePart[] = ['year', 'month', 'day'];

export const DATE_PART_ORDERS: ReadonlyArray<readonly [string | undefined, readonly DatePart[]]> = [
  ['en', MDY],
  ['zh-CN', YMD],
  ['ar', DMY],
  ['en-US', MDY],
  ['en-GB', DMY],
  ['en-AU', DMY],
  ['en-IN', DMY],
  ['en-CA', YMD],
  ['zh', YMD],
  ['zh-TW', YMD],
  ['ja', YMD],
  ['ko', YMD],
  ['ar-EG', DMY],
  ['ar-SA', DMY],
  ['fa', YMD],
  ['he', DMY],
  ['de', DMY],
  ['fr', DMY],
  ['es', DMY],
  ['ru', DMY],
  ['sv', YMD],
  ['lt', YMD],
  ['hu', YMD],
  ['fr-CA', YMD],
  ['th', DMY],
  // No locale, or one Intl refuses: GOV.UK's order, never the runtime's default locale.
  [undefined, DMY],
  ['', DMY],
  ['not a tag!', DMY],
];
