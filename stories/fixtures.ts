/**
 * What the stories show: the default agreement, the Instadesk Terms and Conditions, parsed once
 * from its markdown rendition exactly as an app would do it, and the few other documents and
 * settings the stories are about.
 */
import privacyMarkdown from '../agreements/example-privacy-policy.md?raw';
import terms from '../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../src/core';
import { withFiveChanges } from '../src/core/diff.fixtures';
import type { ClickwrapAcknowledgement, ClickwrapOptionalConsent } from '../src';
import type { Agreement } from '../src/core';

/** The Instadesk Terms and Conditions: 16 sections, 45 bolded key clauses. */
export const agreement: Agreement = parseAgreement({
  id: 'instadesk-terms',
  language: 'en',
  version: '2024-05-01',
  markdown: terms,
});

/**
 * A privacy policy shown and agreed to with the Terms (an example text shipped with the library,
 * not Instadesk's): 7 sections, 3 bolded key clauses.
 */
export const privacyPolicy: Agreement = parseAgreement({
  id: 'privacy-policy',
  language: 'en',
  version: '2024-01-01',
  markdown: privacyMarkdown,
});

/** An optional consent offered with the agreement: never ticked by default, never required. */
export const marketingConsent: ClickwrapOptionalConsent = {
  id: 'marketing-email',
  label: 'Send me Instadesk product news by e-mail.',
};

/** The person agreeing in the stories, as an app would identify them. */
export const signer = { id: 'user-1', name: 'Anna Berg' };

/** A short agreement that fits on screen without scrolling, with one key clause. */
export const shortAgreement: Agreement = parseAgreement({
  id: 'instadesk-beta',
  language: 'en',
  version: '2024-09-01',
  markdown: [
    '# Instadesk Beta Programme Terms',
    '',
    'Thank you for trying the beta of the new Instadesk inbox. These terms add to the Instadesk Terms and Conditions for the beta only.',
    '',
    '**Beta features are provided as is: they may change or be withdrawn at any time and are not covered by the service level agreement.**',
    '',
    'Send your feedback to beta@instadesk.example. We may use it to improve the product.',
    '',
  ].join('\n'),
});

let tenCopiesParsed: Agreement | undefined;

/**
 * A very long agreement: ten copies of the default one (310 kB, 160 sections, 450 key clauses).
 * Parsed on first use (it takes a noticeable fraction of a second), e.g. in a story's loader.
 */
export function tenCopies(): Agreement {
  tenCopiesParsed ??= parseAgreement({
    id: 'instadesk-terms-ten-copies',
    language: 'en',
    version: '2024-05-01',
    title: 'Instadesk Terms and Conditions (ten copies)',
    markdown: Array.from({ length: 10 }, () => terms).join('\n'),
  });
  return tenCopiesParsed;
}

/**
 * The six commitments of III 2.4 (users of the call-center function), items 1) to 6), taken
 * word for word from the agreement so they cannot drift from it. Each must be ticked on its own.
 */
export const callCenterCommitments: readonly ClickwrapAcknowledgement[] = (() => {
  const start = terms.indexOf('If you use our call center function');
  const end = terms.indexOf('**If you violate the above commitments', start);
  const items = [...terms.slice(start, end).matchAll(/^\s*- ([1-6])\\\) (.+)$/gm)];
  if (items.length !== 6) {
    throw new Error(`Expected the six call-center commitments in III 2.4, found ${items.length}.`);
  }
  return items.map(([, n, text]) => ({ id: `call-center-${n}`, label: `${n}) ${text?.trim()}` }));
})();

/**
 * The next version of the default agreement, with five changes (two of them to key clauses),
 * for the re-consent stories: the person accepted `agreement` before.
 */
export const updatedAgreement: Agreement = parseAgreement({
  id: 'instadesk-terms',
  language: 'en',
  version: '2025-06-01',
  effectiveDate: '2025-06-01',
  markdown: withFiveChanges(terms),
});
