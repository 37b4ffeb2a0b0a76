// Valid consent receipts made with react-clickwrap/core, as a client would make them: for the
// API tests and the throughput benchmark.
import { createReceipt, parseAgreement } from 'react-clickwrap/core';

/**
 * A document version a server serves, parsed.
 * @param {{ id: string, version: string, markdown: string, title?: string }} served
 */
export const parseServed = (served) =>
  parseAgreement({ id: served.id, version: served.version, markdown: served.markdown, title: served.title });

/**
 * Reading evidence: read to the end (the requirement), every key clause seen.
 * @param {import('react-clickwrap/core').Agreement} agreement
 * @param {Date} shownAt
 * @returns {import('react-clickwrap/core').ReceiptReadingInput}
 */
const readWhole = (agreement, shownAt) => ({
  required: 'whole',
  reachedEnd: true,
  reachedEndAt: new Date(shownAt.getTime() + 30_000),
  keyClausesSeen: agreement.keyClauses.map((c) => c.id),
  keyClausesTotal: agreement.keyClauses.length,
});

/**
 * A receipt for `agreement`, signed by `signerId`, with each of `documents` (e.g. the privacy
 * policy) as an additional document; every document read to the end with every key clause seen.
 * @param {import('react-clickwrap/core').Agreement} agreement
 * @param {string} signerId
 * @param {Partial<import('react-clickwrap/core').CreateReceiptInput>} [overrides]
 * @param {import('react-clickwrap/core').Agreement[]} [documents]
 */
export function makeReceipt(agreement, signerId, overrides = {}, documents = []) {
  const shownAt = new Date(Date.now() - 60_000);
  const acceptedAt = new Date();
  return createReceipt({
    agreement,
    shownAt,
    acceptedAt,
    signer: { id: signerId, name: 'Test Person' },
    reading: readWhole(agreement, shownAt),
    additionalDocuments: documents.map((doc) => ({ agreement: doc, reading: readWhole(doc, shownAt) })),
    locale: 'en-GB',
    uiVariant: 'test',
    ...overrides,
  });
}
