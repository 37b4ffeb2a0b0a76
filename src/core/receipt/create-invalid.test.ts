import { describe, expect, it } from 'vitest';
import { createReceipt, ReceiptError } from '.';
import type { CreateReceiptInput, ReceiptProblemCode } from '.';
import {
  privacyPolicy,
  cookiePolicy,
  privacyClauses,
  fullInput,
  fullDocument,
  withDocument,
  codes,
} from './fixtures.test-utils';

describe('createReceipt', () => {
  describe('when the input is not a valid consent', () => {
    const base = fullInput();
    const cases: [string, CreateReceiptInput, ReceiptProblemCode, string, RegExp][] = [
      [
        'the signer has no id',
        { ...base, signer: { id: '' } },
        'missing-field',
        'signer.id',
        /Pass the app's identifier/,
      ],
      [
        'the signer is missing',
        { ...base, signer: undefined as never },
        'missing-field',
        'signer',
        /Pass the person who agreed/,
      ],
      [
        'acceptedAt is before shownAt',
        { ...base, acceptedAt: '2024-05-01T08:59:59.999Z' },
        'accepted-before-shown',
        'acceptedAt',
        /Record shownAt when the agreement is first displayed/,
      ],
      [
        'a date is not a date',
        { ...base, shownAt: 'yesterday' },
        'invalid-date',
        'shownAt',
        /Pass .*a valid Date or an ISO 8601 string with a time zone/,
      ],
      [
        'a date has no time zone',
        { ...base, shownAt: '2024-05-01T09:00:00' },
        'invalid-date',
        'shownAt',
        /with a time zone/,
      ],
      [
        'a date does not exist',
        { ...base, shownAt: '2024-02-30T09:00:00Z' },
        'invalid-date',
        'shownAt',
        /ISO 8601/,
      ],
      [
        'a Date is invalid',
        { ...base, acceptedAt: new Date(NaN) },
        'invalid-date',
        'acceptedAt',
        /is an invalid Date/,
      ],
      [
        'a date is a timestamp number',
        { ...base, acceptedAt: 1714554300000 as never },
        'invalid-date',
        'acceptedAt',
        /a valid Date/,
      ],
      [
        'an acknowledgement date is invalid',
        { ...base, acknowledgements: [{ id: 'a', label: 'A', at: 'soon' }] },
        'invalid-date',
        'acknowledgements[0].at',
        /when it was ticked/,
      ],
      [
        'reachedEnd is true but reachedEndAt is null',
        { ...base, reading: { ...base.reading, reachedEndAt: null } },
        'reading-inconsistent',
        'reading.reachedEndAt',
        /pass the time the end/,
      ],
      [
        'reachedEndAt is set but reachedEnd is false',
        { ...base, reading: { ...base.reading, reachedEnd: false } },
        'reading-inconsistent',
        'reading.reachedEndAt',
        /reachedEndAt: null/,
      ],
      [
        'keyClausesSeen repeats a clause',
        { ...base, reading: { ...base.reading, keyClausesSeen: ['a', 'b', 'a'] } },
        'key-clauses-inconsistent',
        'reading.keyClausesSeen[2]',
        /lists the string "a" more than once: list each of the key clauses once/,
      ],
      [
        'keyClausesSeen lists more clauses than the total',
        { ...base, reading: { ...base.reading, keyClausesTotal: 2 } },
        'key-clauses-inconsistent',
        'reading.keyClausesSeen',
        /lists 3 key clauses but reading\.keyClausesTotal is 2: pass the document's number of key clauses/,
      ],
      [
        'keyClausesSeen names a clause the agreement does not have',
        {
          ...base,
          agreement: { ...base.agreement, keyClauses: [{ id: 'intro-1' }, { id: 'intro-2' }, { id: 'x' }] },
          reading: { ...base.reading, keyClausesTotal: 3 },
        },
        'key-clauses-inconsistent',
        'reading.keyClausesSeen[2]',
        /is the string "iii-2\.4", which is not a key clause of this document: pass only ids from its keyClauses/,
      ],
      [
        'a guardian without a minor',
        { ...base, minor: null },
        'guardian-minor-mismatch',
        'minor',
        /Pass minor too/,
      ],
      [
        'a minor without a guardian',
        { ...base, guardian: undefined },
        'guardian-minor-mismatch',
        'guardian',
        /Pass guardian too/,
      ],
      [
        'an acknowledgement without a label',
        { ...base, acknowledgements: [{ id: 'a', label: '', at: '2024-05-01T09:04:00Z' }] },
        'missing-field',
        'acknowledgements[0].label',
        /Pass the text shown next to the checkbox/,
      ],
      [
        'the same acknowledgement twice',
        {
          ...base,
          acknowledgements: [base.acknowledgements![0]!, base.acknowledgements![0]!],
        },
        'duplicate-acknowledgement',
        'acknowledgements[1].id',
        /record each acknowledgement once/,
      ],
      [
        'empty agreement text',
        { ...base, agreement: { ...base.agreement, markdown: '' } },
        'empty-agreement',
        'agreement.markdown',
        /pass the full text that was shown/,
      ],
      [
        'agreement text of only whitespace',
        { ...base, agreement: { ...base.agreement, markdown: ' \r\n\t\n' } },
        'empty-agreement',
        'agreement.markdown',
        /pass the full text/,
      ],
      [
        'no agreement',
        { ...base, agreement: undefined as never },
        'missing-field',
        'agreement',
        /Pass the agreement that was shown/,
      ],
      [
        'a receipt id that is not a UUID',
        { ...base, receiptId: 'order-17' },
        'invalid-field',
        'receiptId',
        /a lowercase UUID/,
      ],
      ['a locale with an underscore', { ...base, locale: 'en_GB' }, 'invalid-field', 'locale', /BCP 47/],
      ['a blank uiVariant', { ...base, uiVariant: '  ' }, 'invalid-field', 'uiVariant', /non-blank string/],
      [
        'a guardian mode that does not exist',
        { ...base, guardian: { ...base.guardian!, mode: 'alone' as never } },
        'invalid-field',
        'guardian.mode',
        /"joint" or "guardian-only"/,
      ],

      // Reading requirements and re-consent
      [
        'a reading requirement that does not exist',
        { ...base, reading: { ...base.reading, required: 'all' as never } },
        'invalid-field',
        'reading.required',
        /reading\.required is the string "all"\. Pass "whole", "changes" or "none"/,
      ],
      [
        'the whole agreement had to be read but its end was not reached',
        { ...base, reading: { ...base.reading, reachedEnd: false, reachedEndAt: null } },
        'reading-requirement-unmet',
        'reading.reachedEnd',
        /reading\.required is "whole" but the end was not reached.* Record it once reachedEnd is true/,
      ],
      [
        'the changes had to be read but one was not seen',
        {
          ...base,
          reading: { ...base.reading, required: 'changes', changesSeen: ['iii-2.4'], changesTotal: 2 },
        },
        'reading-requirement-unmet',
        'reading.changesSeen',
        /only 1 of 2 changed passages were seen: record the consent once every added or changed passage has been on screen/,
      ],
      [
        'the changes had to be read but a seen change is counted twice',
        {
          ...base,
          reading: {
            ...base.reading,
            required: 'changes',
            changesSeen: ['iii-2.4', 'iii-2.4'],
            changesTotal: 2,
          },
        },
        'reading-inconsistent',
        'reading.changesSeen[1]',
        /list each of the changed passages once/,
      ],
      [
        'changes were read but the consent replaces nothing',
        { ...base, replaces: null },
        'reading-inconsistent',
        'replaces',
        /reading records changes read \(re-consent\) but replaces is null: pass the version the consent replaces/,
      ],
      [
        'the changes had to be read in a first consent',
        {
          ...base,
          replaces: undefined,
          reading: { ...base.reading, required: 'changes', changesSeen: [], changesTotal: 0 },
        },
        'reading-inconsistent',
        'replaces',
        /pass the version the consent replaces, or changesTotal: 0 and a required reading other than "changes"/,
      ],
      [
        'changesSeen lists more changes than the total',
        { ...base, reading: { ...base.reading, changesSeen: ['a', 'b', 'c'] } },
        'reading-inconsistent',
        'reading.changesSeen',
        /lists 3 changed passages but reading\.changesTotal is 2: pass the number of added and changed passages/,
      ],
      [
        'changesTotal is negative',
        { ...base, reading: { ...base.reading, changesTotal: -1 } },
        'invalid-field',
        'reading.changesTotal',
        /a whole number of at least 0/,
      ],

      // Optional consents
      [
        'an optional consent is granted without a time',
        { ...base, optionalConsents: [{ ...base.optionalConsents![0]!, at: null }] },
        'optional-consent-inconsistent',
        'optionalConsents[0].at',
        /optionalConsents\[0\] is granted but its time is null: .*pass the time they ticked it \(or granted: false/,
      ],
      [
        'an optional consent is granted with its time left out',
        { ...base, optionalConsents: [{ id: 'news', label: 'News', granted: true } as never] },
        'optional-consent-inconsistent',
        'optionalConsents[0].at',
        /pass the time they ticked it/,
      ],
      [
        'the same optional consent twice',
        {
          ...base,
          optionalConsents: [
            base.optionalConsents![1]!,
            base.optionalConsents![0]!,
            base.optionalConsents![1]!,
          ],
        },
        'duplicate-optional-consent',
        'optionalConsents[2].id',
        /"user-research" appears more than once: record each optional consent once, granted or not/,
      ],
      [
        'an optional consent without a label',
        { ...base, optionalConsents: [{ ...base.optionalConsents![0]!, label: '' }] },
        'missing-field',
        'optionalConsents[0].label',
        /optionalConsents\[0\]\.label is empty\. Pass the text shown next to the checkbox/,
      ],
      [
        'an optional consent granted is not a boolean',
        { ...base, optionalConsents: [{ ...base.optionalConsents![0]!, granted: 'yes' as never }] },
        'invalid-field',
        'optionalConsents[0].granted',
        /Pass true or false/,
      ],
      [
        'an optional consent date is invalid',
        { ...base, optionalConsents: [{ ...base.optionalConsents![1]!, at: 'later' }] },
        'invalid-date',
        'optionalConsents[0].at',
        /Pass null or when it was last ticked or unticked/,
      ],
      [
        'optionalConsents is not an array',
        { ...base, optionalConsents: { id: 'news' } as never },
        'invalid-field',
        'optionalConsents',
        /Pass an array of the optional consents offered/,
      ],

      // Additional documents
      [
        'an additional document has the agreement’s id',
        withDocument(0, fullDocument(0, {}, { agreement: { ...privacyPolicy, id: 'instadesk-terms' } })),
        'duplicate-document',
        'additionalDocuments[0].id',
        /additionalDocuments\[0\]\.id "instadesk-terms" is already listed .*: list each document once/,
      ],
      [
        'the same additional document twice',
        withDocument(1, fullDocument(0)),
        'duplicate-document',
        'additionalDocuments[1].id',
        /"privacy-policy" is already listed/,
      ],
      [
        'an additional document’s text is empty',
        withDocument(1, fullDocument(1, {}, { agreement: { ...cookiePolicy, markdown: '\n \n' } })),
        'empty-agreement',
        'additionalDocuments[1].agreement.markdown',
        /additionalDocuments\[1\]\.agreement\.markdown is empty .*pass the full text that was shown/,
      ],
      [
        'an additional document has no agreement',
        withDocument(0, { reading: fullDocument(0).reading } as never),
        'missing-field',
        'additionalDocuments[0].agreement',
        /Pass the document that was shown \(\{ id, version, title, markdown \}\)/,
      ],
      [
        'an additional document is not an object',
        withDocument(0, 'privacy-policy' as never),
        'invalid-field',
        'additionalDocuments[0]',
        /Pass \{ agreement, reading, replaces\? \}/,
      ],
      [
        'additionalDocuments is not an array',
        { ...base, additionalDocuments: { agreement: privacyPolicy } as never },
        'invalid-field',
        'additionalDocuments',
        /Pass an array of the other documents agreed to/,
      ],
      [
        'an additional document has no version',
        withDocument(0, fullDocument(0, {}, { agreement: { ...privacyPolicy, version: '' } })),
        'missing-field',
        'additionalDocuments[0].version',
        /Pass the document version shown/,
      ],
      [
        'an additional document’s key clause is listed twice',
        withDocument(0, fullDocument(0, { keyClausesSeen: [privacyClauses[0]!, privacyClauses[0]!] })),
        'key-clauses-inconsistent',
        'additionalDocuments[0].reading.keyClausesSeen[1]',
        /list each of the key clauses once/,
      ],
      [
        'an additional document’s key clause does not exist',
        withDocument(0, fullDocument(0, { keyClausesSeen: [privacyClauses[0]!, 'intro-1'] })),
        'key-clauses-inconsistent',
        'additionalDocuments[0].reading.keyClausesSeen[1]',
        /"intro-1", which is not a key clause of this document/,
      ],
      [
        'an additional document’s key clause total is not its number of key clauses',
        withDocument(1, fullDocument(1, { keyClausesTotal: 3 })),
        'key-clauses-inconsistent',
        'additionalDocuments[1].reading.keyClausesTotal',
        /is number 3 but the document has 2 key clauses: pass its keyClauses\.length/,
      ],
      [
        'an additional document had to be read whole but its end was not reached',
        withDocument(0, fullDocument(0, { reachedEnd: false, reachedEndAt: null })),
        'reading-requirement-unmet',
        'additionalDocuments[0].reading.reachedEnd',
        /additionalDocuments\[0\]\.reading\.required is "whole" but the end was not reached/,
      ],
      [
        'an additional document’s changes had to be read but one was not seen',
        withDocument(1, fullDocument(1, { changesSeen: ['advertising-cookies--p1'] })),
        'reading-requirement-unmet',
        'additionalDocuments[1].reading.changesSeen',
        /only 1 of 2 changed passages were seen/,
      ],
      [
        'an additional document’s changes were read but it replaces nothing',
        withDocument(1, fullDocument(1, {}, { replaces: null })),
        'reading-inconsistent',
        'additionalDocuments[1].replaces',
        /additionalDocuments\[1\]\.reading records changes read .* but additionalDocuments\[1\]\.replaces is null/,
      ],
      [
        'an additional document lists more changes than the total',
        withDocument(0, fullDocument(0, { changesSeen: ['a', 'b'] })),
        'reading-inconsistent',
        'additionalDocuments[0].reading.changesSeen',
        /lists 2 changed passages but additionalDocuments\[0\]\.reading\.changesTotal is 1/,
      ],
      [
        'an additional document’s reachedEnd is true but reachedEndAt is null',
        withDocument(1, fullDocument(1, { reachedEndAt: null })),
        'reading-inconsistent',
        'additionalDocuments[1].reading.reachedEndAt',
        /pass the time the end of the document came into view/,
      ],
      [
        'an additional document has no reading evidence',
        withDocument(1, { agreement: cookiePolicy, replaces: fullDocument(1).replaces } as never),
        'missing-field',
        'additionalDocuments[1].reading',
        /additionalDocuments\[1\]\.reading is missing\. Pass the reading evidence/,
      ],
      [
        'an additional document replaces a receipt id that is not a UUID',
        withDocument(0, fullDocument(0, {}, { replaces: { version: '1', receiptId: 'order-1' } })),
        'invalid-field',
        'additionalDocuments[0].replaces.receiptId',
        /a lowercase UUID/,
      ],
    ];

    it.each(cases)('rejects when %s', async (_, input, code, path, message) => {
      const error = await createReceipt(input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ReceiptError);
      expect(error).toMatchObject({ name: 'ReceiptError', code, path });
      expect((error as ReceiptError).message).toMatch(/^createReceipt: /);
      expect((error as ReceiptError).message).toMatch(message);
    });

    it('rejects something that is not an object', async () => {
      await expect(createReceipt(null as never)).rejects.toMatchObject({ code: 'not-an-object' });
    });

    it('lists every problem on the error, not just the first', async () => {
      const error = (await createReceipt({
        ...base,
        signer: { id: '' },
        locale: 'en_GB',
        minor: null,
      }).catch((e: unknown) => e)) as ReceiptError;
      expect(codes(error.problems)).toEqual(['missing-field', 'invalid-field', 'guardian-minor-mismatch']);
    });
  });
});
