/** `toKantaraReceipt`: building the Kantara receipt once the inputs check out. */
import type { ConsentReceipt, ReceiptAgreement, ReceiptReplaces } from '../../types';
import { guardianSigned } from '../signed-by';
import { check } from './check';
import { KantaraError } from './errors';
import { ADDRESS_RULES, epochMs, isObject, isText, type Json } from './rules';
import type {
  KantaraConsentReceipt,
  KantaraNotice,
  KantaraOptions,
  KantaraPostalAddress,
  KantaraPurpose,
} from './types';
import { KANTARA_VERSION } from './types';

/**
 * Exports a react-clickwrap receipt as a Kantara Initiative Consent Receipt (v1.1.0), for tools
 * that read that format. The receipt gives `consentReceiptID` (`receiptId`), `consentTimestamp`
 * (`acceptedAt`, in seconds: the client's clock, unless `options.receivedAt` gives the server's
 * receive time), `piiPrincipalId` (`signer.id`) and `language` (`locale`); the options give the
 * rest. A purpose tied to an acknowledgement (`acknowledgementId`) is kept only
 * when the receipt records it, one tied to an optional consent (`optionalConsentId`) only when the
 * receipt records it as granted. Every purpose is `EXPLICIT`. Two extension fields carry what
 * Kantara has no field for: `rcw:notices` (each document shown: id, version, text hash, the
 * plain-language summaries shown and the kind of change a re-consent answers) and, when the
 * receipt has one, `rcw:presentation`, and with `options.receivedAt` a third: `rcw:acceptedAt`,
 * the client's time. The result shares no arrays or objects with the options.
 * @throws KantaraError listing every missing or malformed option, and every receipt field it
 *   reads that is missing or malformed.
 */
export function toKantaraReceipt(receipt: ConsentReceipt, options: KantaraOptions): KantaraConsentReceipt {
  const problems = check(receipt, options);
  if (problems.length > 0) throw new KantaraError(problems);

  const given = new Set(receipt.acknowledgements.map((ack) => ack.id));
  const granted = new Set(
    receipt.optionalConsents.filter((consent) => consent.granted).map((consent) => consent.id),
  );
  const purposes = options.purposes
    .filter(
      (p) =>
        (p.acknowledgementId === undefined || given.has(p.acknowledgementId)) &&
        (p.optionalConsentId === undefined || granted.has(p.optionalConsentId)),
    )
    .map((p): KantaraPurpose => ({
      purpose: p.purpose,
      purposeCategory: [...p.purposeCategory],
      consentType: 'EXPLICIT',
      piiCategory: [...p.piiCategory],
      ...(p.primaryPurpose === undefined ? {} : { primaryPurpose: p.primaryPurpose }),
      termination: p.termination,
      thirdPartyDisclosure: p.thirdPartyDisclosure,
      ...(p.thirdPartyName === undefined ? {} : { thirdPartyName: p.thirdPartyName }),
    }));
  if (purposes.length === 0) {
    throw new KantaraError([
      {
        code: 'no-purposes',
        path: 'options.purposes',
        message:
          'no purpose applies: each is tied to an acknowledgement this receipt does not record ' +
          '(acknowledgementId) or to an optional consent it records as not granted ' +
          '(optionalConsentId). Add a purpose tied to neither for what the agreement itself ' +
          'covers.',
      },
    ]);
  }

  return {
    version: KANTARA_VERSION,
    jurisdiction: options.jurisdiction,
    consentTimestamp: Math.floor(epochMs(options.receivedAt ?? receipt.acceptedAt) / 1000),
    collectionMethod: options.collectionMethod ?? defaultCollectionMethod(receipt),
    consentReceiptID: receipt.receiptId,
    ...(options.publicKey === undefined ? {} : { publicKey: options.publicKey }),
    language: receipt.locale,
    piiPrincipalId: receipt.signer.id,
    piiControllers: options.piiControllers.map((c) => {
      const address: KantaraPostalAddress = {};
      for (const key of Object.keys(ADDRESS_RULES) as (keyof KantaraPostalAddress)[]) {
        const part = c.address[key];
        if (part !== undefined) address[key] = part;
      }
      return {
        piiController: c.piiController,
        ...(c.onBehalf === undefined ? {} : { onBehalf: c.onBehalf }),
        contact: c.contact,
        address,
        email: c.email,
        phone: c.phone,
        ...(c.piiControllerUrl === undefined ? {} : { piiControllerUrl: c.piiControllerUrl }),
      };
    }),
    policyUrl: options.policyUrl,
    services: [{ service: options.service, purposes }],
    sensitive: options.sensitive ?? false,
    spiCat: [...(options.spiCat ?? [])],
    // Kantara has no field for which text was agreed to: an extension, namespaced as in ISO 27560.
    'rcw:notices': [{ ...receipt.agreement, replaces: receipt.replaces }, ...receipt.additionalDocuments].map(
      notice,
    ),
    // Nor for how the notice looked.
    ...(receipt.presentation === undefined
      ? {}
      : {
          'rcw:presentation': JSON.parse(
            JSON.stringify(receipt.presentation),
          ) as ConsentReceipt['presentation'],
        }),
    // Nor for a second clock: the client's time, when the timestamp is the server's.
    ...(options.receivedAt === undefined ? {} : { 'rcw:acceptedAt': receipt.acceptedAt }),
  };
}

/** One document as shown: its id, version, text hash, summaries and the change it answers. */
function notice(doc: ReceiptAgreement & { replaces?: ReceiptReplaces | null }): KantaraNotice {
  return {
    id: doc.id,
    version: doc.version,
    sha256: doc.sha256,
    canonicalization: doc.canonicalization,
    ...(doc.summaries === undefined ? {} : { summaries: { ...doc.summaries } }),
    ...(doc.replaces?.changeKind === undefined ? {} : { changeKind: doc.replaces.changeKind }),
  };
}

/**
 * E.g. `Clickwrap (modal): explicit accept control for "Terms" version 2024-05-01`, naming each
 * additional document after the agreement: `… for "Terms" version 2 and "Privacy Policy"
 * version 3`.
 */
function defaultCollectionMethod(receipt: ConsentReceipt): string {
  const agreement: Json = isObject(receipt.agreement) ? receipt.agreement : {};
  const ui = isText(receipt.uiVariant) ? receipt.uiVariant : 'clickwrap';
  const title = isText(agreement.title) ? `"${agreement.title}"` : 'the agreement';
  const version = isText(agreement.version) ? ` version ${agreement.version}` : '';
  // Checked by `check`: each additional document has a title and a version.
  const names = [
    `${title}${version}`,
    ...receipt.additionalDocuments.map((doc) => `"${doc.title}" version ${doc.version}`),
  ];
  const last = names.pop();
  const list = names.length === 0 ? last : `${names.join(', ')} and ${last}`;
  return `Clickwrap (${ui}): explicit accept control for ${list}${guardianSigned(receipt.guardian)}`;
}
