import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KANTARA_VERSION, KantaraError, toKantaraReceipt } from './kantara';
import type { KantaraOptions, KantaraPiiController } from './kantara';
import { createReceipt } from '../receipt';
import type { ConsentReceipt } from '../types';
import { fairPresentation } from '../presentation/fixtures.test-utils';

const markdown = readFileSync(new URL('../../../agreements/instadesk-terms.md', import.meta.url), 'utf8');

const controller: KantaraPiiController = {
  piiController: 'Instadesk Ltd',
  contact: 'Data Protection Officer',
  address: { streetAddress: '1 Example Road', addressLocality: 'Hangzhou', addressCountry: 'CN' },
  email: 'privacy@instadesk.example',
  phone: '+86 571 0000 0000',
};

function options(extra: Partial<KantaraOptions> = {}): KantaraOptions {
  return {
    jurisdiction: 'CN',
    policyUrl: 'https://instadesk.example/privacy',
    piiControllers: [controller],
    service: 'Instadesk helpdesk',
    purposes: [
      {
        purpose: 'To provide the helpdesk service',
        purposeCategory: ['2 - Contracted Service'],
        piiCategory: ['1 - Biographical', '2 - Contact'],
        termination: 'Account closure + 1 year',
        thirdPartyDisclosure: false,
      },
    ],
    ...extra,
  };
}

/** Runs `fn` and returns the KantaraError it throws. */
function kantaraError(fn: () => unknown): KantaraError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(KantaraError);
    return error as KantaraError;
  }
  throw new Error('expected a KantaraError, but nothing was thrown');
}

describe('toKantaraReceipt', () => {
  let receipt: ConsentReceipt;
  beforeAll(async () => {
    receipt = await createReceipt({
      agreement: {
        id: 'instadesk-terms',
        version: '2024-05-01',
        title: 'Instadesk Terms and Conditions',
        markdown,
      },
      shownAt: '2024-05-01T09:00:00.000Z',
      acceptedAt: '2024-05-01T11:05:30.750+02:00',
      signer: { id: 'user-42', name: 'Li Wei' },
      acknowledgements: [
        { id: 'call-center', label: 'I give the six call-center commitments.', at: '2024-05-01T09:04:00Z' },
      ],
      reading: {
        reachedEnd: true,
        reachedEndAt: '2024-05-01T09:03:00Z',
        keyClausesSeen: [],
        keyClausesTotal: 0,
      },
      locale: 'en-GB',
      uiVariant: 'modal',
      receiptId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
  });

  describe('given a receipt and the options it lacks', () => {
    it('fills every required field of a v1.1 receipt, in the specification order', () => {
      const kantara = toKantaraReceipt(receipt, options());
      expect(kantara).toEqual({
        version: 'KI-CR-v1.1.0',
        jurisdiction: 'CN',
        consentTimestamp: 1714554330,
        collectionMethod:
          'Clickwrap (modal): explicit accept control for "Instadesk Terms and Conditions" version 2024-05-01',
        consentReceiptID: '0f8fad5b-d9cb-469f-a165-70867728950e',
        language: 'en-GB',
        piiPrincipalId: 'user-42',
        piiControllers: [controller],
        policyUrl: 'https://instadesk.example/privacy',
        services: [
          {
            service: 'Instadesk helpdesk',
            purposes: [
              {
                purpose: 'To provide the helpdesk service',
                purposeCategory: ['2 - Contracted Service'],
                consentType: 'EXPLICIT',
                piiCategory: ['1 - Biographical', '2 - Contact'],
                termination: 'Account closure + 1 year',
                thirdPartyDisclosure: false,
              },
            ],
          },
        ],
        sensitive: false,
        spiCat: [],
        // The extensions: the text agreed to, by its hash; the presentation, made outside
        // useClickwrap, so it says not measured.
        'rcw:notices': [
          {
            id: 'instadesk-terms',
            version: '2024-05-01',
            sha256: receipt.agreement.sha256,
            canonicalization: receipt.agreement.canonicalization,
          },
        ],
        'rcw:presentation': receipt.presentation,
      });
      expect(kantara['rcw:presentation']).toMatchObject({ measured: false, reason: 'not-provided' });
      expect(Object.keys(kantara)).toEqual([
        'version',
        'jurisdiction',
        'consentTimestamp',
        'collectionMethod',
        'consentReceiptID',
        'language',
        'piiPrincipalId',
        'piiControllers',
        'policyUrl',
        'services',
        'sensitive',
        'spiCat',
        'rcw:notices',
        'rcw:presentation',
      ]);
      expect(KANTARA_VERSION).toBe('KI-CR-v1.1.0');
    });

    it('carries the presentation measured at accept as the extension rcw:presentation, and none for an older receipt', () => {
      const measured = { ...receipt, presentation: fairPresentation() };
      expect(toKantaraReceipt(measured, options())['rcw:presentation']).toEqual(fairPresentation());
      const { presentation: _, ...older } = receipt;
      expect(toKantaraReceipt(older as ConsentReceipt, options())).not.toHaveProperty('rcw:presentation');
    });

    it('names each document shown with its text hash, the summaries shown and the change a re-consent answers', () => {
      const summaries = {
        variant: 'adult' as const,
        sha256: 'b'.repeat(64),
        canonicalization: 'react-clickwrap/summaries-v1',
      };
      const renewed: ConsentReceipt = {
        ...receipt,
        agreement: { ...receipt.agreement, summaries },
        replaces: { version: '2024-01-01', receiptId: null, changeKind: 'material' },
      };
      const [terms] = toKantaraReceipt(renewed, options())['rcw:notices'];
      expect(terms).toEqual({
        id: 'instadesk-terms',
        version: '2024-05-01',
        sha256: receipt.agreement.sha256,
        canonicalization: receipt.agreement.canonicalization,
        summaries,
        changeKind: 'material',
      });
      // A copy: editing the export leaves the receipt as it was.
      terms!.summaries!.sha256 = 'c'.repeat(64);
      expect(renewed.agreement.summaries!.sha256).toBe('b'.repeat(64));
    });

    it('takes each value the receipt knows from the receipt', () => {
      const kantara = toKantaraReceipt(receipt, options());
      expect(kantara.consentReceiptID).toBe(receipt.receiptId);
      expect(kantara.piiPrincipalId).toBe(receipt.signer.id);
      expect(kantara.language).toBe(receipt.locale);
      // acceptedAt in whole seconds since the epoch (the receipt stores it in UTC).
      expect(receipt.acceptedAt).toBe('2024-05-01T09:05:30.750Z');
      expect(kantara.consentTimestamp).toBe(Math.floor(Date.parse(receipt.acceptedAt) / 1000));
      expect(Number.isInteger(kantara.consentTimestamp)).toBe(true);
    });

    it("takes consentTimestamp from the server's receive time when given, keeping the client's acceptedAt", () => {
      // The browser's clock was 4 minutes fast: the server received the accept at 09:01:45.
      const kantara = toKantaraReceipt(receipt, options({ receivedAt: '2024-05-01T09:01:45.900Z' }));
      expect(kantara.consentTimestamp).toBe(Date.parse('2024-05-01T09:01:45Z') / 1000);
      expect(kantara['rcw:acceptedAt']).toBe('2024-05-01T09:05:30.750Z');
      expect(Object.keys(kantara).at(-1)).toBe('rcw:acceptedAt');
      // Without it, the client's clock, and no extension.
      expect(toKantaraReceipt(receipt, options())).not.toHaveProperty('rcw:acceptedAt');
      const error = kantaraError(() => toKantaraReceipt(receipt, options({ receivedAt: 'today' })));
      expect(error.problems).toEqual([
        {
          code: 'invalid-option',
          path: 'options.receivedAt',
          message: expect.stringMatching(/^options\.receivedAt is "today"; pass when the server received/),
        },
      ]);
    });

    it('is plain JSON that shares nothing with the options', () => {
      const given = options();
      const kantara = toKantaraReceipt(receipt, given);
      expect(JSON.parse(JSON.stringify(kantara))).toEqual(kantara);
      (given.piiControllers[0]?.address as { addressCountry?: string }).addressCountry = 'XX';
      (given.purposes[0]?.piiCategory as string[]).push('7 - Financial');
      expect(kantara.piiControllers[0]?.address.addressCountry).toBe('CN');
      expect(kantara.services[0]?.purposes[0]?.piiCategory).toEqual(['1 - Biographical', '2 - Contact']);
    });

    it('includes the optional fields only when they are given', () => {
      const kantara = toKantaraReceipt(
        receipt,
        options({
          publicKey: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
          collectionMethod: 'Signup form, step 3',
          piiControllers: [{ ...controller, onBehalf: false, piiControllerUrl: 'https://instadesk.example' }],
          purposes: [
            {
              ...options().purposes[0]!,
              primaryPurpose: true,
              thirdPartyDisclosure: true,
              thirdPartyName: 'Telecom operator',
            },
          ],
          sensitive: true,
          spiCat: ['Call recordings'],
        }),
      );
      expect(kantara).toMatchObject({
        publicKey: expect.stringContaining('PUBLIC KEY'),
        collectionMethod: 'Signup form, step 3',
        sensitive: true,
        spiCat: ['Call recordings'],
      });
      expect(Object.keys(kantara).slice(4, 6)).toEqual(['consentReceiptID', 'publicKey']);
      expect(Object.keys(kantara.piiControllers[0]!)).toEqual([
        'piiController',
        'onBehalf',
        'contact',
        'address',
        'email',
        'phone',
        'piiControllerUrl',
      ]);
      expect(kantara.services[0]?.purposes[0]).toMatchObject({
        primaryPurpose: true,
        thirdPartyDisclosure: true,
        thirdPartyName: 'Telecom operator',
        consentType: 'EXPLICIT',
      });
    });

    it('keeps a purpose tied to an acknowledgement only when the receipt records it', () => {
      const purpose = options().purposes[0]!;
      const kantara = toKantaraReceipt(
        receipt,
        options({
          purposes: [
            purpose,
            { ...purpose, purpose: 'Outbound calls', acknowledgementId: 'call-center' },
            { ...purpose, purpose: 'Newsletter', acknowledgementId: 'marketing' },
          ],
        }),
      );
      expect(kantara.services[0]?.purposes.map((p) => p.purpose)).toEqual([
        'To provide the helpdesk service',
        'Outbound calls',
      ]);
      expect(kantara.services[0]?.purposes[1]).not.toHaveProperty('acknowledgementId');

      const none = kantaraError(() =>
        toKantaraReceipt(receipt, options({ purposes: [{ ...purpose, acknowledgementId: 'marketing' }] })),
      );
      expect(none.code).toBe('no-purposes');
    });
  });

  describe('given a receipt with optional consents and additional documents', () => {
    let flow: ConsentReceipt;
    beforeAll(async () => {
      flow = await createReceipt({
        agreement: { id: 'terms', version: '2', title: 'Terms', markdown: '# Terms\n\nThe terms.\n' },
        shownAt: '2025-06-01T09:00:00Z',
        acceptedAt: '2025-06-01T09:05:00Z',
        signer: { id: 'user-7' },
        optionalConsents: [
          { id: 'marketing', label: 'Send me product news.', granted: true, at: '2025-06-01T09:04:00Z' },
          { id: 'research', label: 'Invite me to user research.', granted: false, at: null },
        ],
        reading: { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [], keyClausesTotal: 0 },
        locale: 'en',
        uiVariant: 'page',
        additionalDocuments: [
          {
            agreement: {
              id: 'privacy',
              version: '3',
              title: 'Privacy Policy',
              markdown: '# Privacy\n\nOur policy.\n',
            },
            reading: { reachedEnd: false, reachedEndAt: null, keyClausesSeen: [], keyClausesTotal: 0 },
          },
        ],
      });
    });

    const purpose = () => options().purposes[0]!;

    it('keeps a purpose tied to a granted optional consent, as EXPLICIT, and drops one not granted', () => {
      const kantara = toKantaraReceipt(
        flow,
        options({
          purposes: [
            purpose(),
            { ...purpose(), purpose: 'Product news by email', optionalConsentId: 'marketing' },
            { ...purpose(), purpose: 'User research invitations', optionalConsentId: 'research' },
          ],
        }),
      );
      const purposes = kantara.services[0]?.purposes ?? [];
      expect(purposes.map((p) => p.purpose)).toEqual([
        'To provide the helpdesk service',
        'Product news by email',
      ]);
      expect(purposes[1]).toMatchObject({ purpose: 'Product news by email', consentType: 'EXPLICIT' });
      expect(purposes[1]).not.toHaveProperty('optionalConsentId');
    });

    it('has no purposes when the only one is tied to an optional consent not granted', () => {
      const error = kantaraError(() =>
        toKantaraReceipt(flow, options({ purposes: [{ ...purpose(), optionalConsentId: 'research' }] })),
      );
      expect(error).toMatchObject({ code: 'no-purposes', path: 'options.purposes' });
      expect(error.message).toMatch(/optional consent it records as not granted \(optionalConsentId\)/);
    });

    it('reports a purpose tied to an optional consent the receipt does not list', () => {
      const error = kantaraError(() =>
        toKantaraReceipt(
          flow,
          options({ purposes: [purpose(), { ...purpose(), optionalConsentId: 'newsletter' }] }),
        ),
      );
      expect(error.problems).toEqual([
        {
          code: 'invalid-option',
          path: 'options.purposes[1].optionalConsentId',
          message:
            'options.purposes[1].optionalConsentId is "newsletter", but the receipt does not list an ' +
            'optional consent with that id (it lists "marketing", "research"); pass the id of an ' +
            'optional consent the flow offered (the receipt lists each one, granted or not).',
        },
      ]);
      // A receipt that offered none says so.
      const none = kantaraError(() =>
        toKantaraReceipt(
          receipt,
          options({ purposes: [purpose(), { ...purpose(), optionalConsentId: 'marketing' }] }),
        ),
      );
      expect(none.path).toBe('options.purposes[1].optionalConsentId');
      expect(none.message).toMatch(/\(it lists none\)/);
    });

    it('refuses a purpose tied both to an acknowledgement and to an optional consent', () => {
      const error = kantaraError(() =>
        toKantaraReceipt(
          receipt,
          options({
            purposes: [{ ...purpose(), acknowledgementId: 'call-center', optionalConsentId: 'marketing' }],
          }),
        ),
      );
      expect(error.problems).toHaveLength(1);
      expect(error).toMatchObject({ code: 'invalid-option', path: 'options.purposes[0].optionalConsentId' });
      expect(error.message).toMatch(
        /sets both acknowledgementId and optionalConsentId; tie the purpose to one/,
      );
    });

    it('reports malformed optional consents and additional documents in the receipt', () => {
      const broken = {
        ...flow,
        optionalConsents: [{ id: 'marketing', granted: 'yes' }],
        additionalDocuments: [{ id: 'privacy', version: '3' }],
      };
      const error = kantaraError(() => toKantaraReceipt(broken as unknown as ConsentReceipt, options()));
      expect(error.problems.map((p) => [p.code, p.path])).toEqual([
        ['invalid-receipt', 'receipt.optionalConsents'],
        ['invalid-receipt', 'receipt.additionalDocuments'],
      ]);
      const { optionalConsents: _, ...without } = flow;
      expect(kantaraError(() => toKantaraReceipt(without as ConsentReceipt, options())).path).toBe(
        'receipt.optionalConsents',
      );
    });

    it('names every document agreed to in the default collection method', () => {
      expect(toKantaraReceipt(flow, options()).collectionMethod).toBe(
        'Clickwrap (page): explicit accept control for "Terms" version 2 and "Privacy Policy" version 3',
      );
      const cookies = {
        ...flow.additionalDocuments[0]!,
        id: 'cookies',
        title: 'Cookie Policy',
        version: '1.4',
      };
      const three = { ...flow, additionalDocuments: [...flow.additionalDocuments, cookies] };
      expect(toKantaraReceipt(three, options()).collectionMethod).toBe(
        'Clickwrap (page): explicit accept control for "Terms" version 2, "Privacy Policy" version 3 and "Cookie Policy" version 1.4',
      );
      // An explicit collection method still wins.
      expect(toKantaraReceipt(flow, options({ collectionMethod: 'Signup form' })).collectionMethod).toBe(
        'Signup form',
      );
      // Signed by a guardian: the principal is the child, so the method says who accepted.
      const guardian = {
        name: 'Wang Fang',
        relationship: 'parent',
        attestation: 'I consent for my child.',
        verification: null,
      };
      const byGuardian = { ...flow, guardian: { ...guardian, mode: 'guardian-only' as const } };
      expect(toKantaraReceipt(byGuardian, options()).collectionMethod).toBe(
        'Clickwrap (page): explicit accept control for "Terms" version 2 and "Privacy Policy" version 3, signed by the guardian',
      );
      const jointly = { ...flow, guardian: { ...guardian, mode: 'joint' as const } };
      expect(toKantaraReceipt(jointly, options()).collectionMethod).toMatch(/, co-signed by the guardian$/);
    });
  });

  describe('given a missing or malformed option', () => {
    it('says which option is missing and what to pass', () => {
      const { jurisdiction: _, ...rest } = options();
      const error = kantaraError(() => toKantaraReceipt(receipt, rest as KantaraOptions));
      expect(error).toMatchObject({ code: 'missing-option', path: 'options.jurisdiction' });
      expect(error.message).toBe(
        'toKantaraReceipt: options.jurisdiction is missing; pass the jurisdiction, e.g. "FR" (ISO 3166-1 alpha-2) or "EU".',
      );
    });

    it('reports no options at all', () => {
      const error = kantaraError(() => toKantaraReceipt(receipt, undefined as unknown as KantaraOptions));
      expect(error).toMatchObject({ code: 'missing-option', path: 'options' });
      expect(error.message).toMatch(/options is missing; pass \{ jurisdiction, policyUrl, piiControllers/);
    });

    it('lists every problem at once, each with its path', () => {
      const error = kantaraError(() =>
        toKantaraReceipt(
          receipt,
          options({
            policyUrl: 'instadesk.example/privacy',
            piiControllers: [{ ...controller, email: 'not an email', address: {} }],
            purposes: [{ ...options().purposes[0]!, thirdPartyDisclosure: true, piiCategory: [] }],
          }),
        ),
      );
      expect(error.problems.map((p) => [p.code, p.path])).toEqual([
        ['invalid-option', 'options.policyUrl'],
        ['invalid-option', 'options.piiControllers[0].email'],
        ['missing-option', 'options.piiControllers[0].address'],
        ['missing-option', 'options.purposes[0].piiCategory'],
        ['missing-option', 'options.purposes[0].thirdPartyName'],
      ]);
      expect(error.message).toMatch(
        /^toKantaraReceipt found 5 problems:\n- options\.policyUrl is "instadesk\.example\/privacy"; pass/,
      );
    });

    it('reports a misspelt option rather than ignoring it', () => {
      const { policyUrl, ...rest } = options();
      const error = kantaraError(() =>
        toKantaraReceipt(receipt, { ...rest, policyURL: policyUrl } as unknown as KantaraOptions),
      );
      expect(error.problems.map((p) => [p.code, p.path])).toEqual([
        ['missing-option', 'options.policyUrl'],
        ['invalid-option', 'options.policyURL'],
      ]);
    });

    it('requires sensitive data categories exactly when sensitive is true', () => {
      expect(kantaraError(() => toKantaraReceipt(receipt, options({ sensitive: true }))).path).toBe(
        'options.spiCat',
      );
      expect(kantaraError(() => toKantaraReceipt(receipt, options({ spiCat: ['Health'] }))).path).toBe(
        'options.sensitive',
      );
    });

    it('refuses a third party named without thirdPartyDisclosure', () => {
      const purpose = { ...options().purposes[0]!, thirdPartyName: 'Someone' };
      const error = kantaraError(() => toKantaraReceipt(receipt, options({ purposes: [purpose] })));
      expect(error).toMatchObject({ code: 'invalid-option', path: 'options.purposes[0].thirdPartyName' });
    });
  });

  describe('given a receipt that lacks what the Kantara receipt is built from', () => {
    it('says which receipt field is wrong', () => {
      const broken = { ...receipt, acceptedAt: 'yesterday', signer: { id: '' } };
      const error = kantaraError(() => toKantaraReceipt(broken as ConsentReceipt, options()));
      expect(error.problems.map((p) => [p.code, p.path])).toEqual([
        ['invalid-receipt', 'receipt.acceptedAt'],
        ['invalid-receipt', 'receipt.signer'],
      ]);
    });

    it('refuses something that is not a receipt', () => {
      const error = kantaraError(() => toKantaraReceipt('{}' as unknown as ConsentReceipt, options()));
      expect(error).toMatchObject({ code: 'invalid-receipt', path: 'receipt' });
      expect(error.message).toMatch(/JSON\.parse a stored one first/);
    });
  });
});
