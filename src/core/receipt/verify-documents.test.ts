import { describe, expect, it } from 'vitest';
import { createReceipt, verifyReceipt } from '.';
import {
  markdown,
  privacyMarkdown,
  cookieMarkdown,
  served,
  withDocs,
  fullInput,
  forge,
  minimalInput,
  codes,
  codesAt,
} from './fixtures.test-utils';

describe('verifyReceipt: documents, optional consents and reading requirements', () => {
  const full = () => createReceipt(fullInput());

  it('reports each additional document whose text was not passed, and checks the rest', async () => {
    const receipt = await full();
    const none = await verifyReceipt(receipt, markdown);
    expect(none.ok).toBe(false);
    expect(codesAt(none.problems)).toEqual([
      ['document-unverified', 'additionalDocuments[0]'],
      ['document-unverified', 'additionalDocuments[1]'],
    ]);
    expect(none.problems[1]!.message).toMatch(
      /lists the document "cookie-policy", but you passed no text for it, so its hash is unchecked: pass options\.additionalDocuments\["cookie-policy"\]/,
    );
    const one = await verifyReceipt(receipt, markdown, {
      additionalDocuments: { 'cookie-policy': `${cookieMarkdown}!` },
    });
    expect(codesAt(one.problems)).toEqual([
      ['document-unverified', 'additionalDocuments[0]'],
      ['agreement-mismatch', 'additionalDocuments[1].sha256'],
    ]);
  });

  it('does not take a text for a document from the prototype of the options object', async () => {
    const receipt = await forge(await full(), (r) => {
      r.additionalDocuments[0]!.id = 'toString';
    });
    expect(codesAt((await verifyReceipt(receipt, markdown, { additionalDocuments: {} })).problems)).toEqual([
      ['document-unverified', 'additionalDocuments[0]'],
      ['document-unverified', 'additionalDocuments[1]'],
    ]);
  });

  it('reports each document passed that the receipt does not list', async () => {
    const receipt = await full();
    const { ok, problems } = await verifyReceipt(receipt, markdown, {
      additionalDocuments: {
        ...served,
        'refund-policy': '# Refunds\n\nNone.\n',
        'instadesk-terms': markdown,
      },
    });
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([
      ['document-missing', 'additionalDocuments'],
      ['document-missing', 'additionalDocuments'],
    ]);
    expect(problems[0]!.message).toMatch(
      /You passed the document "refund-policy", but the receipt does not list it: the person did not agree to it/,
    );
    const minimal = await createReceipt(minimalInput());
    expect(codes((await verifyReceipt(minimal, markdown, withDocs)).problems)).toEqual([
      'document-missing',
      'document-missing',
    ]);
  });

  it('reports an additional document whose text differs by one character', async () => {
    const receipt = await full();
    const i = privacyMarkdown.indexOf('90 days');
    const edited = `${privacyMarkdown.slice(0, i)}9${privacyMarkdown.slice(i)}`;
    const { problems } = await verifyReceipt(receipt, markdown, {
      additionalDocuments: { ...served, 'privacy-policy': edited },
    });
    expect(problems).toEqual([
      {
        code: 'agreement-mismatch',
        path: 'additionalDocuments[0].sha256',
        message: expect.stringMatching(
          /^The receipt's hash of the document "privacy-policy" \([0-9a-f]{64}\) does not match the text you passed \([0-9a-f]{64}\): the person saw different text, or you passed another version\.$/,
        ),
      },
    ]);
  });

  it('reports an additional document of another version than expected', async () => {
    const receipt = await full();
    const { problems } = await verifyReceipt(receipt, markdown, {
      additionalDocuments: {
        'privacy-policy': { markdown: privacyMarkdown, version: '2024-06-01' },
        'cookie-policy': { markdown: cookieMarkdown, version: '2025-01-01' },
      },
    });
    expect(problems).toEqual([
      {
        code: 'version-mismatch',
        path: 'additionalDocuments[1].version',
        message:
          'additionalDocuments[1].version is the string "2024-06-01" but you expected "2025-01-01" for "cookie-policy": the receipt is for another version.',
      },
    ]);
  });

  it('reports an unknown canonicalisation version of an additional document and skips its hash check', async () => {
    const future = await forge(await full(), (r) => {
      r.additionalDocuments[1]!.canonicalization = 'react-clickwrap/canonical-v9';
    });
    const { ok, problems } = await verifyReceipt(future, markdown, {
      additionalDocuments: { ...served, 'cookie-policy': 'other text' },
    });
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([
      ['unknown-canonicalization', 'additionalDocuments[1].canonicalization'],
    ]);
    expect(problems[0]!.message).toMatch(/so the hash of "cookie-policy" cannot be checked/);
  });

  it.each([
    ['a string', 'privacy'],
    ['an array', [privacyMarkdown]],
    ['null', null],
  ])('reports options.additionalDocuments that is %s as an invalid argument', async (_, value) => {
    const receipt = await full();
    const { ok, problems } = await verifyReceipt(receipt, markdown, { additionalDocuments: value as never });
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([['invalid-argument', '']]);
    expect(problems[0]!.message).toMatch(
      /^options\.additionalDocuments is .*; pass an object mapping each document id to the text you served/,
    );
  });

  it.each([
    ['a number', 42],
    ['an empty string', ''],
    ['only whitespace', ' \n '],
    ['an object without markdown', { version: '2024-06-01' }],
    ['an object with a version that is not a string', { markdown: cookieMarkdown, version: 20240601 }],
  ])('reports a document text that is %s as an invalid argument', async (_, value) => {
    const receipt = await full();
    const { problems } = await verifyReceipt(receipt, markdown, {
      additionalDocuments: { ...served, 'cookie-policy': value as never },
    });
    expect(codesAt(problems)).toEqual([['invalid-argument', '']]);
    expect(problems[0]!.message).toMatch(
      /^options\.additionalDocuments\["cookie-policy"\] is .*; pass the document's text \(markdown\), or \{ markdown, version \}/,
    );
  });

  it('reports a reading requirement that was not met', async () => {
    const receipt = await full();
    const unread = await forge(receipt, (r) => {
      r.reading.reachedEnd = false;
      r.reading.reachedEndAt = null;
      r.additionalDocuments[1]!.reading.changesSeen = ['analytics-cookies--p1', 'analytics-cookies--p1'];
    });
    const { ok, problems } = await verifyReceipt(unread, markdown, withDocs);
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([
      ['reading-requirement-unmet', 'reading.reachedEnd'],
      ['reading-inconsistent', 'additionalDocuments[1].reading.changesSeen[1]'],
      ['reading-requirement-unmet', 'additionalDocuments[1].reading.changesSeen'],
    ]);
    expect(problems[2]!.message).toMatch(/only 1 of 2 changed passages were seen/);
  });

  it('reports changes read in a consent that replaces nothing', async () => {
    const receipt = await full();
    const forged = await forge(receipt, (r) => {
      r.replaces = null;
      r.additionalDocuments[1]!.replaces = null;
    });
    expect(codesAt((await verifyReceipt(forged, markdown, withDocs)).problems)).toEqual([
      ['reading-inconsistent', 'replaces'],
      ['reading-inconsistent', 'additionalDocuments[1].replaces'],
    ]);
    const nothingChanged = await forge(receipt, (r) => {
      Object.assign(r.reading, { required: 'changes', changesSeen: [], changesTotal: 0 });
    });
    // Nothing changed, so nothing had to be read: the same rule as the accept gate (issue 9).
    expect(codesAt((await verifyReceipt(nothingChanged, markdown, withDocs)).problems)).toEqual([]);
  });

  it('reports more changes seen than there are', async () => {
    const forged = await forge(await full(), (r) => {
      r.additionalDocuments[0]!.reading.changesSeen.push('3-your-rights--p2');
    });
    const { problems } = await verifyReceipt(forged, markdown, withDocs);
    expect(codesAt(problems)).toEqual([
      ['reading-inconsistent', 'additionalDocuments[0].reading.changesSeen'],
    ]);
    expect(problems[0]!.message).toMatch(
      /lists 2 changed passages but additionalDocuments\[0\]\.reading\.changesTotal is 1/,
    );
  });

  it('reports optional consents granted without a time, or listed twice', async () => {
    const forged = await forge(await full(), (r) => {
      r.optionalConsents[0]!.at = null;
      r.optionalConsents.push({ ...r.optionalConsents[1]! });
    });
    expect(codesAt((await verifyReceipt(forged, markdown, withDocs)).problems)).toEqual([
      ['optional-consent-inconsistent', 'optionalConsents[0].at'],
      ['duplicate-optional-consent', 'optionalConsents[2].id'],
    ]);
  });

  it('reports a document listed twice, or with the agreement’s id', async () => {
    const receipt = await full();
    const twice = await forge(receipt, (r) => {
      r.additionalDocuments.push(structuredClone(r.additionalDocuments[0]!));
    });
    expect(codesAt((await verifyReceipt(twice, markdown, withDocs)).problems)).toEqual([
      ['duplicate-document', 'additionalDocuments[2].id'],
    ]);
    const asAgreement = await forge(receipt, (r) => {
      r.additionalDocuments[0]!.id = r.agreement.id;
    });
    const { problems } = await verifyReceipt(asAgreement, markdown, {
      additionalDocuments: { 'instadesk-terms': privacyMarkdown, 'cookie-policy': cookieMarkdown },
    });
    expect(codesAt(problems)).toEqual([['duplicate-document', 'additionalDocuments[0].id']]);
    expect(problems[0]!.message).toMatch(
      /"instadesk-terms" is already listed \(as the agreement or an earlier document\): list each document once/,
    );
  });

  it('checks the shape of each additional document and optional consent like the agreement', async () => {
    const forged = await forge(await full(), (r) => {
      const doc = r.additionalDocuments[0] as unknown as Record<string, unknown>;
      delete doc.title;
      doc.sha256 = 'ABC';
      (doc.reading as Record<string, unknown>).required = 'most';
      (r.optionalConsents[1] as unknown as Record<string, unknown>).granted = 'no';
      (r.optionalConsents[1] as unknown as Record<string, unknown>).at = '2024-05-01T09:04:50';
    });
    expect(codesAt((await verifyReceipt(forged, markdown, withDocs)).problems)).toEqual([
      ['invalid-field', 'optionalConsents[1].granted'],
      ['invalid-date', 'optionalConsents[1].at'],
      ['missing-field', 'additionalDocuments[0].title'],
      ['invalid-field', 'additionalDocuments[0].sha256'],
      ['invalid-field', 'additionalDocuments[0].reading.required'],
    ]);
  });

  it('reports a receipt without the new fields (an older shape) rather than accept it', async () => {
    const receipt = await createReceipt(minimalInput());
    const old = structuredClone(receipt) as unknown as Record<string, unknown>;
    delete old.optionalConsents;
    delete old.additionalDocuments;
    const reading = old.reading as Record<string, unknown>;
    delete reading.required;
    delete reading.changesSeen;
    delete reading.changesTotal;
    const { ok, problems } = await verifyReceipt(old, markdown);
    expect(ok).toBe(false);
    expect(codesAt(problems)).toEqual([
      ['missing-field', 'optionalConsents'],
      ['missing-field', 'reading.required'],
      ['missing-field', 'reading.changesSeen'],
      ['missing-field', 'reading.changesTotal'],
      ['missing-field', 'additionalDocuments'],
      ['integrity-mismatch', 'integrity'],
    ]);
  });

  it('never throws, whatever the receipt or the options', async () => {
    const receipt = await full();
    const shapes: unknown[] = [
      { ...receipt, additionalDocuments: 'x' },
      { ...receipt, additionalDocuments: [null, 1, [], { id: '' }, { id: 'privacy-policy' }] },
      { ...receipt, optionalConsents: [undefined, { granted: true, at: null }] },
      { ...receipt, reading: { ...receipt.reading, changesSeen: 'all', changesTotal: '2', required: null } },
    ];
    const options: unknown[] = [
      undefined,
      null,
      withDocs,
      { additionalDocuments: Object.create(null) as unknown },
      { additionalDocuments: { 'privacy-policy': { markdown: null } } },
      { additionalDocuments: new Map([['privacy-policy', privacyMarkdown]]) },
    ];
    for (const shape of shapes) {
      for (const option of options) {
        const result = await verifyReceipt(shape, markdown, option as never);
        expect(result.ok).toBe(false);
        expect(result.problems.length).toBeGreaterThan(0);
      }
    }
  });
});
