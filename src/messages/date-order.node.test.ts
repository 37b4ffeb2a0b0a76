import { describe, expect, it } from 'vitest';
import { datePartOrder } from './date-order';
import { DATE_PART_ORDERS } from './date-order.fixtures';

// The same table is checked in Chromium (date-order.browser.test.ts): the server's HTML and the
// browser's render must put the birth-date fields in the same order.
describe('datePartOrder on the server (Node’s ICU)', () => {
  it.each(DATE_PART_ORDERS)('%s writes a date as %j', (locale, order) => {
    expect(datePartOrder(locale)).toEqual(order);
  });
});
