import { beforeAll, describe, expect, it } from 'vitest';
import { createReceipt } from '../receipt';
import { fairPresentation } from '../presentation/fixtures.test-utils';
import type { ConsentReceipt } from '../types';
import { toIso27560Record } from './iso-27560';
import type { Iso27560Error } from './iso-27560-problems';
import {
  ISO_27560_CONTEXT,
  ISO_27560_PROFILE,
  type Iso27560Decline,
  type Iso27560Event,
} from './iso-27560-types';
import {
  adultReceipt,
  base,
  expectValid,
  HELPDESK,
  MARKETING,
  NOTICE,
  options,
  READ,
  receiptWithOptions,
  RESEARCH,
  TERMS,
  type Node,
} from './fixtures/iso-27560-setup';

describe('toIso27560Record', () => {
  let adult: ConsentReceipt;
  let withOptions: ConsentReceipt;
  beforeAll(async () => {
    adult = await adultReceipt();
    withOptions = await receiptWithOptions();
  });

  describe("given an adult's receipt", () => {
    it('records the consent given, its notice with the text hash, the subject, the controller and the purpose', () => {
      const record = toIso27560Record(adult, options());
      expect(record).toEqual({
        '@context': ISO_27560_CONTEXT,
        '@id': 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e',
        '@type': 'dpv:ConsentRecord',
        'dct:identifier': '0f8fad5b-d9cb-469f-a165-70867728950e',
        'dct:conformsTo': { '@id': ISO_27560_PROFILE },
        'dpv:hasDataSubject': {
          '@id': '_:data-subject',
          '@type': 'dpv:DataSubject',
          'dct:identifier': 'user-42',
          'dpv:hasName': 'Li Wei',
        },
        'dpv:hasDataController': { '@id': 'https://instadesk.example/' },
        'dpv:hasJurisdiction': { '@id': 'loc:CN' },
        'dpv:hasNotice': [
          {
            '@id': NOTICE,
            '@type': 'dpv:ConsentNotice',
            'dct:identifier': 'instadesk-terms',
            'dcat:version': '2024-05-01',
            'dct:title': 'Instadesk Terms and Conditions',
            'dct:language': 'en-GB',
            'rcw:sha256': adult.agreement.sha256,
            'rcw:canonicalization': adult.agreement.canonicalization,
          },
        ],
        'dpv:hasProcess': [
          {
            '@type': 'dpv:Process',
            'dct:identifier': 'helpdesk',
            'dpv:hasPurpose': {
              '@type': 'dpv:Purpose',
              'skos:broader': { '@id': 'dpv:ServiceProvision' },
              'dct:description': 'To provide the helpdesk service',
            },
            'dpv:hasPersonalData': [{ '@id': 'pd:Name' }, { '@id': 'pd:EmailAddress' }],
            'dpv:hasNecessity': { '@id': 'dpv:Required' },
            'dpv:hasLegalBasis': { '@id': 'dpv:ExplicitlyExpressedConsent' },
            'dpv:hasDataController': { '@id': 'https://instadesk.example/' },
            'dpv:hasRecipient': [{ '@id': 'https://instadesk.example/' }],
            'dpv:hasStorageCondition': {
              '@type': 'dpv:StorageDuration',
              'dpv:hasDuration': {
                '@type': 'dpv:UntilEventDuration',
                'rdf:value': 'Account closure',
              },
            },
          },
        ],
        'dpv:hasConsentControl': {
          '@type': ['dpv:ProvideConsent', 'dpv:WithdrawConsent'],
          'dpv:isExercisedAt': { '@id': 'https://instadesk.example/settings/consent' },
        },
        'dpv:hasRight': {
          '@type': 'dpv:DataSubjectRight',
          'dct:title': 'Right to withdraw consent',
          'dpv:isExercisedAt': { '@id': 'https://instadesk.example/settings/consent' },
        },
        'dpv:hasEntity': [
          {
            '@id': 'https://instadesk.example/',
            '@type': ['dpv:DataController', 'dpv:Organisation'],
            'dpv:hasIdentifier': 'https://instadesk.example/',
            'dpv:hasName': 'Instadesk Ltd',
            'schema:contactPoint': [
              {
                '@type': 'schema:PostalAddress',
                'schema:streetAddress': '1 Example Road',
                'schema:addressLocality': 'Hangzhou',
                'schema:addressCountry': 'CN',
              },
              { '@type': 'schema:ContactPoint', 'schema:email': 'privacy@instadesk.example' },
            ],
          },
        ],
        'dpv:hasConsentStatus': [
          {
            '@type': ['dpv:ConsentGiven', 'dpv:ExplicitlyExpressedConsent'],
            'dpv:isIndicatedAtTime': {
              '@value': '2024-05-01T09:05:00.000Z',
              '@type': 'xsd:dateTime',
            },
            'dpv:isIndicatedBy': [{ '@id': '_:data-subject' }],
            'dpv:hasIndicationMethod': 'Clickwrap (modal): explicit accept control',
            'dpv:hasDuration': {
              '@type': 'dpv:UntilEventDuration',
              'rdf:value': 'Until withdrawn, or until a new version of a notice needs re-consent',
            },
            'dpv:hasNotice': [{ '@id': NOTICE }],
          },
        ],
        'rcw:presentation': {
          '@value': JSON.stringify(adult.presentation),
          '@type': 'rdf:JSON',
        },
      });
      expectValid(record);
    });

    it('carries the presentation measured at accept as an rdf:JSON literal, and none for an older receipt', () => {
      const measured = toIso27560Record({ ...adult, presentation: fairPresentation() }, options());
      expect(JSON.parse((measured['rcw:presentation'] as { '@value': string })['@value'])).toEqual(
        fairPresentation(),
      );
      expectValid(measured);
      const { presentation: _, ...older } = adult;
      expect(toIso27560Record(older as ConsentReceipt, options())).not.toHaveProperty('rcw:presentation');
    });

    it('is deterministic: the same input gives the same JSON, key for key', () => {
      const a = JSON.stringify(toIso27560Record(adult, options()));
      const b = JSON.stringify(toIso27560Record(JSON.parse(serialize(adult)) as ConsentReceipt, options()));
      expect(a).toBe(b);
    });
  });

  describe('given a minor whose guardian co-signed', () => {
    it('makes the guardian an entity of the event, with relationship and attestation, and keeps only the age bracket', async () => {
      const minor = await createReceipt({
        ...base,
        age: { ageBracket: '15', rule: 'agreement', minimumAge: 18, guardianRequired: true },
        minor: { ageBracket: '15', rule: 'agreement', minimumAge: 18 },
        guardian: {
          name: 'Wang Fang',
          relationship: 'parent',
          attestation: 'I am the legal guardian and read it with them.',
          mode: 'joint',
        },
      });
      const record = toIso27560Record(minor, options());
      expect(record['dpv:hasDataSubject']).toEqual({
        '@id': '_:data-subject',
        '@type': ['dpv:DataSubject', 'dpv:Child'],
        'dct:identifier': 'user-42',
        'dpv:hasName': 'Li Wei',
        'rcw:ageBracket': '15',
      });
      expect((record['dpv:hasEntity'] as Node[])[1]).toEqual({
        '@id': '_:guardian',
        '@type': 'dpv:ParentOfDataSubject',
        'dpv:hasName': 'Wang Fang',
        'rcw:relationship': 'parent',
        'dpv:hasJustification': 'I am the legal guardian and read it with them.',
      });
      const [given] = record['dpv:hasConsentStatus'] as Node[];
      expect(given!['dpv:isIndicatedBy']).toEqual([{ '@id': '_:data-subject' }, { '@id': '_:guardian' }]);
      expect(given!['dpv:hasIndicationMethod']).toBe(
        'Clickwrap (modal): explicit accept control, co-signed by the guardian',
      );
      expectValid(record);
    });

    it('names only the guardian, as a guardian, when the guardian signed alone', async () => {
      const minor = await createReceipt({
        ...base,
        minor: { ageBracket: 'under-13', rule: 'coppa', minimumAge: 13 },
        guardian: {
          name: 'Wang Fang',
          relationship: 'legal guardian',
          attestation: 'I consent for my ward.',
          mode: 'guardian-only',
          verification: 'card-check',
        },
      });
      const record = toIso27560Record(minor, options());
      expect((record['dpv:hasConsentStatus'] as Node[])[0]!['dpv:isIndicatedBy']).toEqual([
        { '@id': '_:guardian' },
      ]);
      expect((record['dpv:hasEntity'] as Node[])[1]).toMatchObject({
        '@type': 'dpv:GuardianOfDataSubject',
        'rcw:guardianVerification': 'card-check',
      });
      expectValid(record);
    });

    it('says who withdrew only when told: the guardian, the minor, or both', async () => {
      const minor = await createReceipt({
        ...base,
        minor: { ageBracket: 'under-13', rule: 'coppa', minimumAge: 13 },
        guardian: {
          name: 'Wang Fang',
          relationship: 'legal guardian',
          attestation: 'I consent.',
          mode: 'guardian-only',
        },
        optionalConsents: [
          { id: 'marketing', label: 'Send me product news.', granted: true, at: '2024-05-01T09:04:00Z' },
        ],
      });
      const at = '2024-06-01T10:00:00Z';
      const withdrawnBy = (events: Iso27560Event[]) => {
        const record = toIso27560Record(minor, options({ purposes: [HELPDESK, MARKETING], events }));
        expectValid(record);
        const [, news] = record['dpv:hasProcess'] as Node[];
        return [
          (record['dpv:hasConsentStatus'] as Node[]).at(-1)!,
          (news!['dpv:hasConsentStatus'] as Node[]).at(-1)!,
        ].map((s) => [s['@type'], s['dpv:isIndicatedBy']]);
      };
      // Nothing recorded says who withdrew: not the child, whose guardian alone consented.
      const unrecorded = [
        {
          '@type': 'dpv:Entity',
          'dct:description': 'Not recorded: the withdrawal was received, but not who indicated it',
        },
      ];
      expect(withdrawnBy([{ type: 'withdrawn', at, scope: 'all' }])).toEqual([
        ['dpv:ConsentWithdrawn', unrecorded],
        ['dpv:ConsentWithdrawn', unrecorded],
      ]);
      expect(withdrawnBy([{ type: 'withdrawn', at, scope: 'all', by: ['guardian'] }])).toEqual([
        ['dpv:ConsentWithdrawn', [{ '@id': '_:guardian' }]],
        ['dpv:ConsentWithdrawn', [{ '@id': '_:guardian' }]],
      ]);
      expect(
        withdrawnBy([{ type: 'withdrawn', at, scope: 'marketing', by: ['guardian', 'data-subject'] }]),
      ).toEqual([
        [['dpv:ConsentGiven', 'dpv:ExplicitlyExpressedConsent'], [{ '@id': '_:guardian' }]],
        ['dpv:ConsentWithdrawn', [{ '@id': '_:data-subject' }, { '@id': '_:guardian' }]],
      ]);
    });

    it('refuses a withdrawal by a guardian the receipt does not record, or by no one it knows', () => {
      const error = (by: unknown) =>
        (() => {
          try {
            toIso27560Record(
              adult,
              options({
                events: [
                  { type: 'withdrawn', at: '2024-06-01T10:00:00Z', scope: 'all', by } as Iso27560Event,
                ],
              }),
            );
          } catch (e) {
            return e as Iso27560Error;
          }
          throw new Error('expected an Iso27560Error');
        })();
      expect(error(['guardian'])).toMatchObject({
        code: 'invalid-event',
        path: 'options.events[0].by',
        message: expect.stringMatching(/the receipt records no guardian/),
      });
      for (const by of [[], ['child'], ['data-subject', 'data-subject'], 'data-subject'])
        expect(error(by)).toMatchObject({ code: 'invalid-event', path: 'options.events[0].by' });
    });

    it('takes the relationship for a parent only when it names one and nothing else', async () => {
      const classOf = async (relationship: string) => {
        const minor = await createReceipt({
          ...base,
          minor: { ageBracket: 'under-13', rule: 'coppa', minimumAge: 13 },
          guardian: { name: 'Wang Fang', relationship, attestation: 'I consent.', mode: 'guardian-only' },
        });
        return (toIso27560Record(minor, options())['dpv:hasEntity'] as Node[])[1]!['@type'];
      };
      expect(await classOf('Mother')).toBe('dpv:ParentOfDataSubject');
      expect(await classOf(' parent ')).toBe('dpv:ParentOfDataSubject');
      // Free text that mentions a parent but says otherwise: the broader class.
      expect(await classOf('not the parent, a court-appointed guardian')).toBe('dpv:GuardianOfDataSubject');
      expect(await classOf("parent's partner")).toBe('dpv:GuardianOfDataSubject');
    });
  });

  describe('given a signer for an organisation', () => {
    it('records the organisation as an entity the data subject represents, with the signer’s authority', async () => {
      const corporate = await createReceipt({
        ...base,
        organization: { name: 'Acme Trading Co.', signerAuthority: 'Administrator' },
      });
      const record = toIso27560Record(corporate, options());
      expect((record['dpv:hasEntity'] as Node[])[1]).toEqual({
        '@id': '_:organisation',
        '@type': 'dpv:Organisation',
        'dpv:hasName': 'Acme Trading Co.',
        'dpv:hasRepresentative': { '@id': '_:data-subject' },
        'rcw:signerAuthority': 'Administrator',
      });
      expect(record['dpv:hasDataSubject']).toMatchObject({ 'dct:identifier': 'user-42' });
      expectValid(record);
    });
  });

  describe('given a re-consent to a new version', () => {
    it('records a renewed consent that replaces the previous record and notice version', async () => {
      const renewed = await createReceipt({
        ...base,
        agreement: { ...TERMS, version: '2025-01-01' },
        reading: { ...READ, required: 'changes', changesSeen: [], changesTotal: 0 },
        replaces: { version: '2024-05-01', receiptId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' },
        receiptId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b',
      } as Parameters<typeof createReceipt>[0]);
      const record = toIso27560Record(renewed, options());
      expect(record['dct:replaces']).toEqual([{ '@id': 'urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' }]);
      const [event] = record['dpv:hasConsentStatus'] as Node[];
      expect(event!['@type']).toEqual(['dpv:RenewedConsentGiven', 'dpv:ExplicitlyExpressedConsent']);
      expect(event!['dpv:hasNotice']).toEqual([
        { '@id': 'https://instadesk.example/api/clickwrap/agreements/instadesk-terms/2025-01-01' },
      ]);
      expect(event!['dct:replaces']).toEqual([
        { '@id': 'urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' },
        { '@id': NOTICE },
      ]);
      expectValid(record);
    });
  });

  describe('given plain-language summaries and a marked change', () => {
    it('carries the summaries shown with a notice and the change kind a renewal answers', () => {
      const summaries = {
        variant: 'minor' as const,
        sha256: 'a'.repeat(64),
        canonicalization: 'react-clickwrap/summaries-v1',
      };
      const renewed: ConsentReceipt = {
        ...adult,
        agreement: { ...adult.agreement, summaries },
        replaces: { version: '2024-01-01', receiptId: null, changeKind: 'minor' },
      };
      const record = toIso27560Record(renewed, options());
      expectValid(record);
      const [notice] = record['dpv:hasNotice'] as Node[];
      expect(notice!['rcw:summaries']).toEqual({
        'rcw:variant': 'minor',
        'rcw:sha256': 'a'.repeat(64),
        'rcw:canonicalization': 'react-clickwrap/summaries-v1',
      });
      expect(notice!['rcw:changeKind']).toBe('minor');
      // An older receipt, without either, exports without them.
      const [plain] = toIso27560Record(adult, options())['dpv:hasNotice'] as Node[];
      expect(plain).not.toHaveProperty('rcw:summaries');
      expect(plain).not.toHaveProperty('rcw:changeKind');
    });
  });

  describe('given optional consents and an additional document', () => {
    it('makes each optional consent its own purpose with its own status, and each document a notice', () => {
      const record = toIso27560Record(withOptions, options({ purposes: [HELPDESK, MARKETING, RESEARCH] }));
      const [, news, research] = record['dpv:hasProcess'] as Node[];
      expect(news).toMatchObject({
        'dct:identifier': 'news',
        'dct:title': 'Send me product news.',
        'dpv:hasNecessity': { '@id': 'dpv:Optional' },
      });
      expect(
        news!['dpv:hasConsentStatus'].map((s: Node) => [s['@type'], s['dpv:isIndicatedAtTime']['@value']]),
      ).toEqual([[['dpv:ConsentGiven', 'dpv:ExplicitlyExpressedConsent'], '2024-05-01T09:04:00.000Z']]);
      expect(research!['dpv:hasConsentStatus'].map((s: Node) => s['@type'])).toEqual(['dpv:ConsentRefused']);
      expect(
        (record['dpv:hasNotice'] as Node[]).map((n) => [
          n['dct:identifier'],
          n['dcat:version'],
          n['rcw:sha256'],
        ]),
      ).toEqual([
        ['instadesk-terms', '2024-05-01', withOptions.agreement.sha256],
        ['privacy', '3', withOptions.additionalDocuments[0]!.sha256],
      ]);
      expectValid(record);
    });

    it('withdraws one optional consent: that purpose is withdrawn, the rest stays given', () => {
      const events = [
        {
          type: 'withdrawn' as const,
          at: '2024-06-01T10:00:00Z',
          scope: 'marketing',
          by: ['data-subject' as const],
        },
      ];
      const record = toIso27560Record(
        withOptions,
        options({ purposes: [HELPDESK, MARKETING, RESEARCH], events }),
      );
      const [, news] = record['dpv:hasProcess'] as Node[];
      expect(news!['dpv:hasConsentStatus'].map((s: Node) => s['@type'])).toEqual([
        ['dpv:ConsentGiven', 'dpv:ExplicitlyExpressedConsent'],
        'dpv:ConsentWithdrawn',
      ]);
      expect(news!['dpv:hasConsentStatus'][1]).toMatchObject({
        'dpv:isIndicatedBy': [{ '@id': '_:data-subject' }],
        'dpv:hasIndicationMethod': "Withdrawal through the app's consent settings",
      });
      expect((record['dpv:hasConsentStatus'] as Node[]).map((s) => s['@type'])).toEqual([
        ['dpv:ConsentGiven', 'dpv:ExplicitlyExpressedConsent'],
      ]);
      expectValid(record);
    });

    it('withdraws everything: the record and every granted optional consent end withdrawn, events in time order', () => {
      const events = [
        {
          type: 'withdrawn' as const,
          at: '2024-07-01T10:00:00Z',
          scope: 'all',
          method: 'Account deletion',
        },
        { type: 'withdrawn' as const, at: '2024-06-01T10:00:00Z', scope: 'marketing' },
      ];
      const record = toIso27560Record(
        withOptions,
        options({ purposes: [HELPDESK, MARKETING, RESEARCH], events }),
      );
      const statuses = record['dpv:hasConsentStatus'] as Node[];
      expect(statuses.map((s) => s['@type']).at(-1)).toBe('dpv:ConsentWithdrawn');
      expect(statuses[1]).toMatchObject({
        'dpv:isIndicatedAtTime': { '@value': '2024-07-01T10:00:00Z' },
        'dpv:hasIndicationMethod': 'Account deletion',
        // An adult's consent (no guardian on the receipt): only their own account acts for them.
        'dpv:isIndicatedBy': [{ '@id': '_:data-subject' }],
      });
      const [, news, research] = record['dpv:hasProcess'] as Node[];
      expect(news!['dpv:hasConsentStatus'].map((s: Node) => s['dpv:isIndicatedAtTime']['@value'])).toEqual([
        '2024-05-01T09:04:00.000Z',
        '2024-06-01T10:00:00Z',
        '2024-07-01T10:00:00Z',
      ]);
      // Never given, so nothing to withdraw: research stays refused.
      expect(research!['dpv:hasConsentStatus'].map((s: Node) => s['@type'])).toEqual(['dpv:ConsentRefused']);
      const reversed = toIso27560Record(
        withOptions,
        options({ purposes: [HELPDESK, MARKETING, RESEARCH], events: [...events].reverse() }),
      );
      expect(JSON.stringify(reversed)).toBe(JSON.stringify(record));
      expectValid(record);
    });
  });

  describe("given the server's receive time", () => {
    // The browser's clock is 4 minutes fast: it says 09:05 for an accept the server received at
    // 09:01 (a skew the server accepts), and the withdrawal is received at 09:02, server clock.
    const receivedAt = '2024-05-01T09:01:00.000Z';
    const withdrawn = { type: 'withdrawn' as const, at: '2024-05-01T09:02:00.000Z', scope: 'all' };

    it("dates the consent by the server's clock, keeps the client's as rcw:clientTime, and takes a withdrawal the server recorded after it", () => {
      const record = toIso27560Record(adult, options({ receivedAt, events: [withdrawn] }));
      const statuses = record['dpv:hasConsentStatus'] as Node[];
      expect(statuses.map((s) => [s['@type'], s['dpv:isIndicatedAtTime']['@value']])).toEqual([
        [['dpv:ConsentGiven', 'dpv:ExplicitlyExpressedConsent'], receivedAt],
        ['dpv:ConsentWithdrawn', '2024-05-01T09:02:00.000Z'],
      ]);
      expect(Object.keys(statuses[0]!).slice(0, 3)).toEqual([
        '@type',
        'dpv:isIndicatedAtTime',
        'rcw:clientTime',
      ]);
      expect(statuses[0]!['rcw:clientTime']).toEqual({ '@value': adult.acceptedAt, '@type': 'xsd:dateTime' });
      expect(statuses[1]).not.toHaveProperty('rcw:clientTime');
      expectValid(record);
    });

    it("orders an optional consent's own events by the server's clock too", () => {
      // Ticked at 09:04 by the fast client clock, withdrawn at 09:02 by the server's.
      const events = [{ ...withdrawn, scope: 'marketing' }];
      const record = toIso27560Record(
        withOptions,
        options({ purposes: [HELPDESK, MARKETING, RESEARCH], receivedAt, events }),
      );
      const [, news, research] = record['dpv:hasProcess'] as Node[];
      expect(
        news!['dpv:hasConsentStatus'].map((s: Node) => [
          s['@type'],
          s['dpv:isIndicatedAtTime']['@value'],
          s['rcw:clientTime']?.['@value'],
        ]),
      ).toEqual([
        [['dpv:ConsentGiven', 'dpv:ExplicitlyExpressedConsent'], receivedAt, '2024-05-01T09:04:00.000Z'],
        ['dpv:ConsentWithdrawn', '2024-05-01T09:02:00.000Z', undefined],
      ]);
      expect(research!['dpv:hasConsentStatus'][0]).toMatchObject({
        '@type': 'dpv:ConsentRefused',
        'dpv:isIndicatedAtTime': { '@value': receivedAt },
        'rcw:clientTime': { '@value': adult.acceptedAt },
      });
      expectValid(record);
    });

    it('still refuses a withdrawal before the server received the consent, and a malformed receive time', () => {
      expect(() =>
        toIso27560Record(
          adult,
          options({ receivedAt, events: [{ ...withdrawn, at: '2024-05-01T09:00:30Z' }] }),
        ),
      ).toThrow(/options\.events\[0\]\.at is "2024-05-01T09:00:30Z", before the server received the consent/);
      expect(() => toIso27560Record(adult, options({ receivedAt: '2024-05-01 09:01' }))).toThrow(
        /options\.receivedAt is "2024-05-01 09:01"; pass/,
      );
    });

    it("without it, dates the consent by the client's clock, as the receipt does", () => {
      const record = toIso27560Record(adult, options());
      const [given] = record['dpv:hasConsentStatus'] as Node[];
      expect(given!['dpv:isIndicatedAtTime']['@value']).toBe(adult.acceptedAt);
      expect(given).not.toHaveProperty('rcw:clientTime');
    });
  });

  describe('given a decline', () => {
    it('records consent refused for the documents declined', () => {
      const decline: Iso27560Decline = {
        kind: 'decline',
        declineId: '9a4a8f1e-2f60-4b8a-9d55-0e1f2a3b4c5d',
        declinedAt: '2024-05-01T09:06:00Z',
        signer: { id: 'user-42', name: null },
        locale: 'en-GB',
        uiVariant: 'page',
        documents: [
          {
            id: 'instadesk-terms',
            version: '2024-05-01',
            title: 'Instadesk Terms and Conditions',
            sha256: adult.agreement.sha256,
          },
        ],
      };
      const record = toIso27560Record(decline, options({ purposes: [HELPDESK, MARKETING] }));
      expect(record['@id']).toBe('urn:uuid:9a4a8f1e-2f60-4b8a-9d55-0e1f2a3b4c5d');
      expect(record['dpv:hasConsentStatus']).toEqual([
        {
          '@type': 'dpv:ConsentRefused',
          'dpv:isIndicatedAtTime': { '@value': '2024-05-01T09:06:00Z', '@type': 'xsd:dateTime' },
          'dpv:isIndicatedBy': [{ '@id': '_:data-subject' }],
          'dpv:hasIndicationMethod': 'Clickwrap (page): explicit decline control',
          'dpv:hasNotice': [{ '@id': NOTICE }],
        },
      ]);
      expect((record['dpv:hasProcess'] as Node[]).map((p) => p['dct:identifier'])).toEqual(['helpdesk']);
      expect(record['dpv:hasDataSubject']).toEqual({
        '@id': '_:data-subject',
        '@type': 'dpv:DataSubject',
        'dct:identifier': 'user-42',
      });
      expectValid(record);
      expect(() =>
        toIso27560Record(
          decline,
          options({ events: [{ type: 'withdrawn', at: '2024-06-01T00:00:00Z', scope: 'all' }] }),
        ),
      ).toThrow(/a decline gave no consent to withdraw/);
      // A decline is dated by the server already: a receive time beside it is a mistake.
      expect(() => toIso27560Record(decline, options({ receivedAt: '2024-05-01T09:06:00Z' }))).toThrow(
        /options\.receivedAt is for a receipt; a decline's declinedAt is the server's time already/,
      );
    });
  });
});

function serialize(receipt: ConsentReceipt): string {
  // Keys in reverse order: the record's key order must not depend on the receipt's.
  return JSON.stringify(Object.fromEntries(Object.entries(receipt).reverse()));
}
