// The server's HTML puts the birth-date fields in the UI language's order, the same order the
// browser renders (date-order.fixtures.ts holds both runtimes to one table), so hydration adopts it.
import { readFileSync } from 'node:fs';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../core/agreement';
import { ar, en, zhCN, type ClickwrapMessages } from '../messages';
import { ClickwrapPage } from './index';

const agreement = parseAgreement({
  id: 'instadesk-terms',
  version: '1',
  language: 'en',
  markdown: readFileSync(new URL('../../agreements/instadesk-terms.md', import.meta.url), 'utf8'),
});

const orderIn = (html: string) => [...html.matchAll(/autocomplete="bday-(\w+)"/gi)].map((m) => m[1]);

const render = (messages: ClickwrapMessages, locale?: string) =>
  renderToString(
    <ClickwrapPage
      agreement={agreement}
      signer={{ id: 'user-1' }}
      messages={messages}
      locale={locale}
      guardian={{ today: '2025-06-01' }}
      onAccept={() => {}}
    />,
  );

describe('the birth-date fields, rendered on a server', () => {
  it.each([
    {
      name: 'en (US English)',
      messages: en,
      locale: undefined,
      order: ['month', 'day', 'year'],
      hint: 'For example, 3 27 2007',
    },
    {
      name: 'en-GB',
      messages: en,
      locale: 'en-GB',
      order: ['day', 'month', 'year'],
      hint: 'For example, 27 3 2007',
    },
    {
      name: 'zh-CN',
      messages: zhCN,
      locale: undefined,
      order: ['year', 'month', 'day'],
      hint: '例如：2007 3 27',
    },
    { name: 'ar', messages: ar, locale: undefined, order: ['day', 'month', 'year'], hint: 'مثال: 27 3 2007' },
  ])('in $name are in the order $order, and the hint’s example too', ({ messages, locale, order, hint }) => {
    const html = render(messages, locale);
    expect(orderIn(html)).toEqual(order);
    expect(html).toContain(`>${hint}</p>`);
  });
});
