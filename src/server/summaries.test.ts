import { describe, expect, it } from 'vitest';
import { createReceipt, parseAgreement, receiptIntegrity } from '../core/index';
import { createCatalog } from './catalog';
import { checkReceipt } from './policy';
import { AGREEMENTS, catalogInput, makeReceipt, TEXTS } from './test-fixtures';

/** Terms v1 as its author serves it with a plain-language summary of one key clause. */
const parsedPlain = AGREEMENTS.terms;
const clause = parsedPlain.keyClauses[0]!;
const source = `${TEXTS.termsV1}\n## Plain-language summaries\n\n- \`${clause.id}\`: In short, this matters.\n  - For minors: Read this one with your guardian.\n`;
const terms = parseAgreement({ id: 'instadesk-terms', version: '2023-01-01', markdown: source });

async function catalogWithSummaries() {
  const input = catalogInput();
  return createCatalog({
    ...input,
    agreement: { ...input.agreement, versions: [{ version: '2023-01-01', markdown: source }] },
  });
}

const context = async () => ({
  catalog: await catalogWithSummaries(),
  policy: {},
  now: new Date(),
  subject: 'user-1',
  alreadyAccepted: async () => new Set<string>(),
});

describe('a server serving an agreement with plain-language summaries', () => {
  it('hashes the text shown (without the summaries section), as the receipt does', async () => {
    const catalog = await catalogWithSummaries();
    const served = catalog.agreement.versions.get('2023-01-01')!;
    expect(served.sha256).toBe((await makeReceipt('alice')).agreement.sha256);
    expect(served.summarised.map((c) => c.id)).toEqual([clause.id]);
  });

  it('accepts a receipt that records the summaries shown', async () => {
    const receipt = await makeReceipt('alice', { agreement: terms });
    expect(receipt.agreement.summaries?.variant).toBe('adult');
    expect(await checkReceipt(receipt, await context())).toEqual([]);
  });

  it('refuses one without them, or with another hash, even resealed', async () => {
    const without = await makeReceipt('alice');
    expect((await checkReceipt(without, await context())).map((p) => p.code)).toEqual(['summaries-mismatch']);
    const receipt = await makeReceipt('alice', { agreement: terms });
    const forged = structuredClone(receipt);
    forged.agreement.summaries!.sha256 = 'd'.repeat(64);
    forged.integrity = await receiptIntegrity(forged);
    expect((await checkReceipt(forged, await context())).map((p) => [p.code, p.path])).toEqual([
      ['summaries-mismatch', 'agreement.summaries.sha256'],
    ]);
  });

  it('leaves agreements without summaries as before', async () => {
    const catalog = await createCatalog(catalogInput());
    expect(catalog.agreement.versions.get('2023-01-01')!.summarised).toEqual([]);
    const receipt = await createReceipt({
      agreement: parsedPlain,
      shownAt: new Date(Date.now() - 60_000),
      acceptedAt: new Date(),
      signer: { id: 'alice' },
      reading: {
        reachedEnd: false,
        reachedEndAt: null,
        keyClausesSeen: [],
        keyClausesTotal: parsedPlain.keyClauses.length,
      },
      locale: 'en',
      uiVariant: 'test',
    });
    expect('summaries' in receipt.agreement).toBe(false);
  });
});
