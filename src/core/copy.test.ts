import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from './agreement';
import { canonicalizeAgreement } from './canonical';
import { AGREEMENT_COPY_END, buildAgreementCopy } from './copy';
import { hashAgreement } from './hash';
import { createReceipt, ReceiptError, serializeReceipt, verifyReceipt } from './receipt';
import type { ConsentReceipt } from './types';

const terms = readFileSync(new URL('../../agreements/instadesk-terms.md', import.meta.url), 'utf8');
const agreement = parseAgreement({ id: 'instadesk-terms', version: '2024-05-01', markdown: terms });

function receiptFor(
  shown: { id: string; version: string; title: string; markdown: string },
  label = 'I will not make harassing calls.',
): Promise<ConsentReceipt> {
  const { id, version, title, markdown } = shown;
  return createReceipt({
    // Without keyClauses, so the reading evidence below need not list them.
    agreement: { id, version, title, markdown },
    shownAt: '2025-06-01T09:00:00Z',
    acceptedAt: '2025-06-01T09:05:00Z',
    signer: { id: 'user-1', name: 'Anna Berg' },
    acknowledgements: [{ id: 'call-center-2', label, at: '2025-06-01T09:04:00Z' }],
    reading: {
      reachedEnd: true,
      reachedEndAt: '2025-06-01T09:03:00Z',
      keyClausesSeen: [],
      keyClausesTotal: 0,
    },
    locale: 'en',
    uiVariant: 'modal',
    replaces: { version: '2023-01-01', receiptId: null },
    receiptId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  });
}

/** The agreement text a copy starts with, as its documentation says to extract it. */
const agreementIn = (text: string) => text.slice(0, text.lastIndexOf(`\n${AGREEMENT_COPY_END}\n`));

/** The receipt JSON in a copy's last fenced block. */
function receiptIn(text: string): unknown {
  const match = /\n(`{3,})json\n([\s\S]*)\1\n$/.exec(text);
  if (!match) throw new Error('no fenced receipt at the end of the copy');
  return JSON.parse(match[2]!);
}

describe('buildAgreementCopy', () => {
  describe('given an accepted agreement and its receipt', () => {
    it('starts with the canonical markdown exactly as hashed, and the receipt verifies against it', async () => {
      const receipt = await receiptFor(agreement);
      const copy = buildAgreementCopy(agreement, receipt);
      expect(copy.text.startsWith(agreement.markdown)).toBe(true);
      expect(agreementIn(copy.text)).toBe(agreement.markdown);
      const verification = await verifyReceipt(receiptIn(copy.text), agreementIn(copy.text));
      expect(verification).toEqual({ ok: true, problems: [] });
    });

    it('ends with the receipt exactly as serializeReceipt writes it, under a heading', async () => {
      const receipt = await receiptFor(agreement);
      const { text } = buildAgreementCopy(agreement, receipt);
      expect(text.endsWith(`\n## Consent receipt\n\n\`\`\`json\n${serializeReceipt(receipt)}\`\`\`\n`)).toBe(
        true,
      );
      expect(receiptIn(text)).toEqual(receipt);
      expect(text).toContain(receipt.receiptId);
    });

    it('names the file after the agreement, the version and the receipt, as markdown', async () => {
      const receipt = await receiptFor(agreement);
      const copy = buildAgreementCopy(agreement, receipt);
      expect(copy.filename).toBe(`instadesk-terms-2024-05-01-${receipt.receiptId}.md`);
      expect(copy.mimeType).toBe('text/markdown;charset=utf-8');
    });

    it('takes the receipt heading in the reader’s language, on one line', async () => {
      const receipt = await receiptFor(agreement);
      const { text } = buildAgreementCopy(agreement, receipt, { receiptHeading: '同意\n回执' });
      expect(text).toContain('\n## 同意 回执\n');
    });
  });

  describe('given an additional document accepted in the same flow', () => {
    const privacy = {
      id: 'instadesk-privacy',
      version: '3',
      title: 'Privacy Policy',
      markdown: '# Privacy Policy\r\n\r\nWe keep call logs  \r\nfor a year.\r\n',
    };
    const cookies = {
      id: 'cookies',
      version: '1.4',
      title: 'Cookie Policy',
      markdown: '# Cookies\n\nFew.\n',
    };
    const reading = { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [], keyClausesTotal: 0 };

    async function flowReceipt(): Promise<ConsentReceipt> {
      const { id, version, title, markdown } = agreement;
      return createReceipt({
        agreement: { id, version, title, markdown },
        shownAt: '2025-06-01T09:00:00Z',
        acceptedAt: '2025-06-01T09:05:00Z',
        signer: { id: 'user-1' },
        reading,
        locale: 'en',
        uiVariant: 'page',
        additionalDocuments: [
          { agreement: privacy, reading },
          { agreement: cookies, reading },
        ],
        receiptId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      });
    }

    it('starts with that document’s canonical text, whose hash the receipt records for it', async () => {
      const receipt = await flowReceipt();
      const copy = buildAgreementCopy(privacy, receipt);
      const canonical = canonicalizeAgreement(privacy.markdown);
      expect(canonical).toBe('# Privacy Policy\n\nWe keep call logs\nfor a year.\n');
      expect(copy.text.startsWith(`${canonical}\n${AGREEMENT_COPY_END}\n`)).toBe(true);
      expect(agreementIn(copy.text)).toBe(canonical);
      expect(await hashAgreement(agreementIn(copy.text))).toBe(receipt.additionalDocuments[0]!.sha256);
      expect(receiptIn(copy.text)).toEqual(receipt);
      const verification = await verifyReceipt(receiptIn(copy.text), agreement.markdown, {
        additionalDocuments: { [privacy.id]: agreementIn(copy.text), [cookies.id]: cookies.markdown },
      });
      expect(verification).toEqual({ ok: true, problems: [] });

      const second = buildAgreementCopy(cookies, receipt);
      expect(await hashAgreement(agreementIn(second.text))).toBe(receipt.additionalDocuments[1]!.sha256);
      expect(second.filename).toBe(`cookies-1.4-${receipt.receiptId}.md`);
      expect(copy.filename).toBe(`instadesk-privacy-3-${receipt.receiptId}.md`);
      // The agreement itself still works from the same receipt.
      expect(agreementIn(buildAgreementCopy(agreement, receipt).text)).toBe(agreement.markdown);
    });

    it('throws when the receipt records another version of that document', async () => {
      const receipt = await flowReceipt();
      const error = (() => {
        try {
          buildAgreementCopy({ ...cookies, version: '2.0' }, receipt);
        } catch (caught) {
          return caught;
        }
        throw new Error('expected a ReceiptError');
      })();
      expect(error).toBeInstanceOf(ReceiptError);
      expect(error).toMatchObject({ code: 'version-mismatch', path: 'additionalDocuments[1].version' });
      expect((error as Error).message).toBe(
        'buildAgreementCopy: the receipt is for version "1.4" of "cookies", not "2.0". Pass the version the person accepted.',
      );
    });

    it('throws for a document the receipt does not list, naming those it lists', async () => {
      const receipt = await flowReceipt();
      const other = { id: 'refunds', version: '3', markdown: '# Refunds\n' };
      expect(() => buildAgreementCopy(other, receipt)).toThrow(
        expect.objectContaining({
          code: 'agreement-id-mismatch',
          path: 'agreement.id',
          message:
            'buildAgreementCopy: the receipt lists no document "refunds"; it lists "instadesk-terms", "instadesk-privacy", "cookies". Pass a document the person accepted.',
        }),
      );
    });
  });

  describe('given text that is not in canonical form', () => {
    it('holds the canonical form, the text the receipt’s hash is of', async () => {
      const raw = {
        id: 'demo',
        version: '1',
        title: 'Demo',
        markdown: '\uFEFF# Demo  \r\n\r\nCafe\u0301 **terms**.\r\n\r\n',
      };
      const receipt = await receiptFor(raw);
      const copy = buildAgreementCopy(raw, receipt);
      expect(agreementIn(copy.text)).toBe(canonicalizeAgreement(raw.markdown));
      expect(agreementIn(copy.text)).toBe('# Demo\n\nCafé **terms**.\n');
      expect((await verifyReceipt(receipt, agreementIn(copy.text))).ok).toBe(true);
    });
  });

  describe('given awkward content', () => {
    it('fences the receipt beyond any backticks a label holds', async () => {
      const receipt = await receiptFor(agreement, 'I accept ```everything``` and ````more````.');
      const { text } = buildAgreementCopy(agreement, receipt);
      expect(text).toContain('\n`````json\n');
      expect(receiptIn(text)).toEqual(receipt);
    });

    it('ends the document with one HTML comment line that fits any document', () => {
      expect(AGREEMENT_COPY_END).toMatch(/^<!-- [^\n]* -->$/);
      expect(AGREEMENT_COPY_END.indexOf('-->')).toBe(AGREEMENT_COPY_END.length - 3);
      expect(AGREEMENT_COPY_END).not.toMatch(/agreement\.sha256/);
      expect(AGREEMENT_COPY_END).toContain(
        'the exact text whose SHA-256 this receipt records for the document',
      );
    });

    it('finds the agreement’s end even when the agreement quotes the end line', async () => {
      // As raw HTML the line is refused (hashed = shown); as a code block it is shown, so allowed.
      expect(() =>
        parseAgreement({ id: 'demo', version: '1', markdown: `# Demo\n\n${AGREEMENT_COPY_END}\n\nText.\n` }),
      ).toThrow(/HTML/);
      const tricky = parseAgreement({
        id: 'demo',
        version: '1',
        markdown: `# Demo\n\n\`\`\`\n${AGREEMENT_COPY_END}\n\`\`\`\n\nStill the agreement.\n`,
      });
      const receipt = await receiptFor(tricky);
      const { text } = buildAgreementCopy(tricky, receipt);
      expect(agreementIn(text)).toBe(tricky.markdown);
    });

    it('keeps file names to letters, digits, dots, dashes and underscores', async () => {
      const odd = parseAgreement({
        id: 'terms/../../etc',
        version: 'v 2: "final"',
        markdown: '# T\n\nText.\n',
      });
      const receipt = await receiptFor(odd);
      expect(buildAgreementCopy(odd, receipt).filename).toBe(`terms-etc-v-2-final-${receipt.receiptId}.md`);
    });
  });

  describe('given a receipt for something else', () => {
    it('throws when the receipt is for another version', async () => {
      const receipt = await receiptFor(agreement);
      const next = parseAgreement({ id: 'instadesk-terms', version: '2025-06-01', markdown: terms });
      expect(() => buildAgreementCopy(next, receipt)).toThrow(ReceiptError);
      expect(() => buildAgreementCopy(next, receipt)).toThrow(/version "2024-05-01"/);
      try {
        buildAgreementCopy(next, receipt);
      } catch (error) {
        expect((error as ReceiptError).code).toBe('version-mismatch');
      }
    });

    it('throws when the receipt is for another agreement', async () => {
      const receipt = await receiptFor(agreement);
      const other = parseAgreement({ id: 'privacy', version: '2024-05-01', markdown: '# P\n\nText.\n' });
      expect(() => buildAgreementCopy(other, receipt)).toThrow(
        expect.objectContaining({ code: 'agreement-id-mismatch' }),
      );
    });

    it('throws on a malformed receipt or a missing agreement', async () => {
      const receipt = await receiptFor(agreement);
      const { integrity: _integrity, ...broken } = receipt;
      expect(() => buildAgreementCopy(agreement, broken as ConsentReceipt)).toThrow(
        expect.objectContaining({ code: 'invalid-receipt' }),
      );
      expect(() => buildAgreementCopy(undefined as never, receipt)).toThrow(
        expect.objectContaining({ code: 'invalid-argument' }),
      );
      expect(() =>
        buildAgreementCopy({ id: 'instadesk-terms', version: '2024-05-01', markdown: ' \n' }, receipt),
      ).toThrow(expect.objectContaining({ code: 'empty-agreement' }));
    });
  });
});
