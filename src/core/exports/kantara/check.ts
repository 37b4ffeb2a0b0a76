/** Checking a receipt and options against the rules, collecting every problem. */
import { describe } from '../../canonical';
import type { KantaraErrorCode, KantaraProblem } from './errors';
import {
  ADDRESS_RULES,
  CONTROLLER_RULES,
  OPTION_RULES,
  PURPOSE_RULES,
  RECEIPT_RULES,
  fieldList,
  isObject,
  isText,
  type Json,
  type Rule,
} from './rules';

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === '') return 'empty';
  if (Array.isArray(value) && value.length === 0) return 'an empty array';
  if (typeof value !== 'string') return describe(value);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Where a set of fields sits, and how to report a problem with it. */
interface Place {
  path: string;
  missing: KantaraErrorCode;
  invalid: KantaraErrorCode;
  /** What to pass instead of a value that is not an object. */
  expect: string;
  /** Whether keys without a rule are errors (options: a typo'd key is a mistake to report). */
  closed: boolean;
}

/**
 * Checks `value[key]` against each rule (and, for closed places, that `value` has no other keys),
 * pushing a problem per failure. Returns whether `value` is an object at all.
 */
function checkFields(
  value: unknown,
  rules: Readonly<Record<string, Rule>>,
  { path, missing: missingCode, invalid: invalidCode, expect, closed }: Place,
  problems: KantaraProblem[],
): value is Json {
  if (!isObject(value)) {
    problems.push({
      code: value === undefined ? missingCode : invalidCode,
      path,
      message: `${path} is ${show(value)}; pass ${expect}.`,
    });
    return false;
  }
  for (const [key, rule] of Object.entries(rules)) {
    const field = value[key];
    if ((field === undefined && rule.optional) || rule.test(field)) continue;
    const missing = field === undefined || field === '' || (Array.isArray(field) && field.length === 0);
    problems.push({
      code: missing ? missingCode : invalidCode,
      path: `${path}.${key}`,
      message: `${path}.${key} is ${show(field)}; pass ${rule.expect}.`,
    });
  }
  if (closed) {
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(rules, key)) continue;
      problems.push({
        code: invalidCode,
        path: `${path}.${key}`,
        message: `${path}.${key} is not a field here; the fields are ${fieldList(rules)}.`,
      });
    }
  }
  return true;
}

/** Checks the receipt fields and options `toKantaraReceipt` reads, and how options fit together. */
export function check(receipt: unknown, options: unknown): KantaraProblem[] {
  const problems: KantaraProblem[] = [];
  const option = (path: string, expect: string): Place => ({
    path,
    missing: 'missing-option',
    invalid: 'invalid-option',
    expect,
    closed: true,
  });
  checkFields(
    receipt,
    RECEIPT_RULES,
    {
      path: 'receipt',
      missing: 'invalid-receipt',
      invalid: 'invalid-receipt',
      expect: 'a consent receipt from createReceipt (JSON.parse a stored one first)',
      closed: false,
    },
    problems,
  );
  const optionsPlace = option('options', `{ ${fieldList(OPTION_RULES)} }`);
  if (!checkFields(options, OPTION_RULES, optionsPlace, problems)) return problems;

  const { piiControllers, purposes, sensitive, spiCat } = options;
  // The optional consent ids the receipt lists, when it lists them well-formed (else reported).
  const consents = isObject(receipt) ? receipt.optionalConsents : undefined;
  const offered = RECEIPT_RULES.optionalConsents.test(consents)
    ? (consents as { id: string }[]).map((consent) => consent.id)
    : null;
  if (Array.isArray(piiControllers)) {
    piiControllers.forEach((controller: unknown, i) => {
      const path = `options.piiControllers[${i}]`;
      const place = option(path, `a controller { ${fieldList(CONTROLLER_RULES)} }`);
      if (!checkFields(controller, CONTROLLER_RULES, place, problems)) return;
      const { address } = controller;
      // A missing or malformed address was reported with the controller's fields.
      if (!isObject(address)) return;
      checkFields(address, ADDRESS_RULES, option(`${path}.address`, ''), problems);
      if (Object.keys(address).length === 0) {
        problems.push({
          code: 'missing-option',
          path: `${path}.address`,
          message: `${path}.address is empty; pass at least one of ${fieldList(ADDRESS_RULES)}.`,
        });
      }
    });
  }
  if (Array.isArray(purposes)) {
    purposes.forEach((purpose: unknown, i) => {
      const path = `options.purposes[${i}]`;
      const place = option(path, `a purpose { ${fieldList(PURPOSE_RULES)} }`);
      if (!checkFields(purpose, PURPOSE_RULES, place, problems)) return;
      if (purpose.thirdPartyDisclosure === true && purpose.thirdPartyName === undefined) {
        problems.push({
          code: 'missing-option',
          path: `${path}.thirdPartyName`,
          message:
            `${path}.thirdPartyName is missing; pass the third party's name ` +
            '(required when thirdPartyDisclosure is true).',
        });
      } else if (purpose.thirdPartyDisclosure === false && purpose.thirdPartyName !== undefined) {
        problems.push({
          code: 'invalid-option',
          path: `${path}.thirdPartyName`,
          message:
            `${path}.thirdPartyName is set but thirdPartyDisclosure is false; ` +
            'set thirdPartyDisclosure: true, or leave thirdPartyName out.',
        });
      }
      const consentId = purpose.optionalConsentId;
      if (purpose.acknowledgementId !== undefined && consentId !== undefined) {
        problems.push({
          code: 'invalid-option',
          path: `${path}.optionalConsentId`,
          message:
            `${path} sets both acknowledgementId and optionalConsentId; tie the purpose to ` +
            'one: optionalConsentId for an optional consent (e.g. marketing), ' +
            'acknowledgementId for an acknowledgement.',
        });
      } else if (isText(consentId) && offered !== null && !offered.includes(consentId)) {
        const listed =
          offered.length === 0
            ? 'it lists none'
            : `it lists ${offered.map((id) => JSON.stringify(id)).join(', ')}`;
        problems.push({
          code: 'invalid-option',
          path: `${path}.optionalConsentId`,
          message:
            `${path}.optionalConsentId is ${show(consentId)}, but the receipt does not list an ` +
            `optional consent with that id (${listed}); pass the id of an optional consent the ` +
            'flow offered (the receipt lists each one, granted or not).',
        });
      }
    });
  }
  const categories = Array.isArray(spiCat) ? spiCat.length : 0;
  if (sensitive === true && categories === 0) {
    problems.push({
      code: 'missing-option',
      path: 'options.spiCat',
      message:
        'options.spiCat is missing or empty but options.sensitive is true; ' +
        'pass the sensitive data categories, e.g. ["Health"].',
    });
  } else if (sensitive !== true && categories > 0) {
    problems.push({
      code: 'invalid-option',
      path: 'options.sensitive',
      message:
        'options.sensitive is not true but options.spiCat lists sensitive data categories; ' +
        'set sensitive: true.',
    });
  }
  return problems;
}
