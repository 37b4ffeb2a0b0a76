/**
 * Fixtures for the server tests: the signup example's Terms (two versions) and privacy policy,
 * a keyring, an in-memory SQLite store, and receipts as a client makes them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReceipt, parseAgreement, type Agreement, type CreateReceiptInput } from '../core/index';
import { createCatalog, type CatalogInput } from './catalog';
import { createKeyring, generateSigningKey } from './countersign';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p: string) => readFileSync(path.join(root, 'examples/signup/agreements', p), 'utf8');

/** The texts served. */
export const TEXTS = {
  termsV1: read('instadesk-terms/2023-01-01.md'),
  termsV2: read('instadesk-terms/2025-06-01.md'),
  privacy: read('privacy-policy/2024-01-01.md'),
};

/** The optional consent offered. */
export const MARKETING = { id: 'marketing-email', label: 'Send me Instadesk product news by e-mail.' };

/** The catalog input: Terms v1 (current) and the privacy policy; pass `termsCurrent: '2025-06-01'` to publish v2. */
export function catalogInput(termsCurrent = '2023-01-01'): CatalogInput {
  const versions = [{ version: '2023-01-01', markdown: TEXTS.termsV1 }];
  if (termsCurrent === '2025-06-01') versions.push({ version: '2025-06-01', markdown: TEXTS.termsV2 });
  return {
    agreement: { id: 'instadesk-terms', versions, reading: 'changes' },
    additional: [{ id: 'privacy-policy', versions: [{ version: '2024-01-01', markdown: TEXTS.privacy }] }],
    optionalConsents: [MARKETING],
  };
}

/** A catalog and a fresh keyring. */
export async function setup(termsCurrent?: string) {
  const catalog = await createCatalog(catalogInput(termsCurrent));
  const keyring = createKeyring(await generateSigningKey('test-1'));
  return { catalog, keyring };
}

const parsed = {
  terms: parseAgreement({ id: 'instadesk-terms', version: '2023-01-01', markdown: TEXTS.termsV1 }),
  termsV2: parseAgreement({ id: 'instadesk-terms', version: '2025-06-01', markdown: TEXTS.termsV2 }),
  privacy: parseAgreement({ id: 'privacy-policy', version: '2024-01-01', markdown: TEXTS.privacy }),
};
export { parsed as AGREEMENTS };

const readWhole = (agreement: Agreement, shownAt: Date) => ({
  required: 'whole' as const,
  reachedEnd: true,
  reachedEndAt: new Date(shownAt.getTime() + 30_000),
  keyClausesSeen: agreement.keyClauses.map((c) => c.id),
  keyClausesTotal: agreement.keyClauses.length,
});

/** A valid receipt for the Terms v1 and the privacy policy, read whole, signed by `signerId`. */
export function makeReceipt(signerId: string, overrides: Partial<CreateReceiptInput> = {}, now = new Date()) {
  const shownAt = new Date(now.getTime() - 60_000);
  return createReceipt({
    agreement: parsed.terms,
    shownAt,
    acceptedAt: now,
    signer: { id: signerId, name: 'Test Person' },
    reading: readWhole(parsed.terms, shownAt),
    additionalDocuments: [{ agreement: parsed.privacy, reading: readWhole(parsed.privacy, shownAt) }],
    optionalConsents: [{ ...MARKETING, granted: true, at: now }],
    locale: 'en-GB',
    uiVariant: 'test',
    ...overrides,
  });
}
