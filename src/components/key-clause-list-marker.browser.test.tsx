'use client';
// A bolded clause inside a list item is highlighted: the bar and the tint begin where the item's
// text begins, and the item's bullet stays outside them, in the column of the list's other
// bullets, light and dark, left to right and right to left.
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../core/agreement';
import { ClickwrapPage } from './clickwrap-page';
import { en, format } from '../messages';
import { agreement, SIGNER } from './test-utils.test-utils';

/** A short Arabic agreement, written right to left, with a bolded clause in a list item. */
const arabic = parseAgreement({
  id: 'terms-ar',
  version: '1',
  language: 'ar',
  markdown: [
    '# شروط الخدمة',
    '',
    '- يجب عليك حماية كلمة المرور الخاصة بك.',
    '- **لا نتحمل أي مسؤولية عن الأضرار غير المباشرة الناتجة عن استخدام الخدمة.**',
    '- يمكنك إلغاء اشتراكك في أي وقت.',
    '',
  ].join('\n'),
});

const EPSILON = 0.5;

afterEach(async () => {
  await page.viewport(1024, 768);
});

describe('a highlighted list item', () => {
  for (const theme of ['light', 'dark'] as const)
    for (const [dir, shown] of [
      ['ltr', agreement],
      ['rtl', arabic],
    ] as const)
      it(`keeps its bullet out of the tint (${theme}, ${dir})`, async () => {
        await page.viewport(1280, 800);
        await render(
          <ClickwrapPage agreement={shown} signer={SIGNER} onAccept={() => {}} theme={theme} dir={dir} />,
        );
        const region = page.getByRole('region', { name: format(en.agreementLabel, { title: shown.title }) });
        await expect.element(region).toBeVisible();
        const items = [...region.element().querySelectorAll<HTMLElement>('li.rcw-key-clause')];
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) {
          const tinted = getComputedStyle(item).backgroundColor;
          // A clause inside a clause has no tint of its own.
          if (tinted === 'rgba(0, 0, 0, 0)') continue;
          const list = item.parentElement!;
          const listBox = list.getBoundingClientRect();
          const listStyle = getComputedStyle(list);
          const box = item.getBoundingClientRect();
          expect(listStyle.direction, "the list is written in the agreement's direction").toBe(dir);
          // The list's markers are drawn in its padding, before its content box; the tint must
          // begin at that content edge (where a plain item's text begins), not before it.
          const overlap =
            dir === 'ltr'
              ? listBox.left + parseFloat(listStyle.paddingLeft) - box.left
              : box.right - (listBox.right - parseFloat(listStyle.paddingRight));
          expect(
            overlap,
            `${item.textContent?.slice(0, 40)}: tint over the marker column`,
          ).toBeLessThanOrEqual(EPSILON);
          // The marker is drawn outside the item's box (outside), not in its first line (inside).
          expect(getComputedStyle(item).listStylePosition).toBe('outside');
          expect(getComputedStyle(item).listStyleType).not.toBe('none');
        }
      });
});
