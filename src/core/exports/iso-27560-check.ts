/**
 * The checks `toIso27560Record` runs on its inputs before building anything, so a bad call gets
 * every problem at once with what to pass instead, and the builder can trust its inputs.
 */
import type { ConsentReceipt } from '../types';
import { checkDecline, checkEvents, checkReceipt } from './iso-27560-check-input';
import {
  ADDRESS_KEYS,
  Problems,
  epochMs,
  isIri,
  isObject,
  isTerm,
  isText,
  isWebUrl,
  type Iso27560Problem,
  type Json,
} from './iso-27560-problems';
import type { Iso27560Decline, Iso27560Options } from './iso-27560-types';

/** Checks a receipt or decline and the options; returns every problem (empty when all is well). */
export function checkIso27560(
  input: ConsentReceipt | Iso27560Decline,
  options: Iso27560Options,
): Iso27560Problem[] {
  const p = new Problems();
  const decline = isObject(input) && input.kind === 'decline';
  const at = decline ? checkDecline(input, p) : checkReceipt(input, p);
  if (!isObject(options)) {
    p.add(
      options === undefined ? 'missing-option' : 'invalid-option',
      'options',
      'options is not an object; pass { controller, jurisdiction, noticeBaseUrl, manageConsentUrl, purposes }.',
    );
    return p.list;
  }
  const o: Json = options;
  const c = o.controller;
  if (isObject(c)) {
    p.need(
      isIri(c.iri),
      c.iri,
      'options.controller.iri',
      'the controller\'s IRI, e.g. "https://example.com/"',
    );
    p.need(isText(c.name), c.name, 'options.controller.name', "the controller's legal name");
    const address = c.address;
    p.need(
      isObject(address) &&
        ADDRESS_KEYS.some((k) => isText(address[k])) &&
        Object.keys(address).every((k) => ADDRESS_KEYS.includes(k) && isText(address[k])),
      address,
      'options.controller.address',
      `a postal address with at least one of ${ADDRESS_KEYS.join(', ')}`,
    );
    p.need(
      typeof c.email === 'string' && /^[^\s@]+@[^\s@]+$/.test(c.email),
      c.email,
      'options.controller.email',
      'a contact email address, e.g. "privacy@example.com"',
    );
    p.need(
      c.phone === undefined || isText(c.phone),
      c.phone,
      'options.controller.phone',
      'a phone number, or leave it out',
    );
    p.need(
      c.url === undefined || isWebUrl(c.url),
      c.url,
      'options.controller.url',
      'an http(s) URL, or leave it out',
    );
  } else {
    p.need(false, c, 'options.controller', 'the data controller { iri, name, address, email }');
  }
  p.need(
    typeof o.jurisdiction === 'string' && /^[A-Za-z0-9]{2,}$/.test(o.jurisdiction),
    o.jurisdiction,
    'options.jurisdiction',
    'a DPV-LOC term, e.g. "EU" or "FR"',
  );
  p.need(
    isIri(o.noticeBaseUrl),
    o.noticeBaseUrl,
    'options.noticeBaseUrl',
    'where the documents are served, e.g. "https://example.com/agreements/"',
  );
  p.need(
    isWebUrl(o.manageConsentUrl),
    o.manageConsentUrl,
    'options.manageConsentUrl',
    'the http(s) URL where consent is changed or withdrawn',
  );
  p.need(
    o.rightsUrl === undefined || isWebUrl(o.rightsUrl),
    o.rightsUrl,
    'options.rightsUrl',
    'an http(s) URL, or leave it out',
  );
  p.need(
    o.validity === undefined || isText(o.validity),
    o.validity,
    'options.validity',
    'an ISO 8601 duration such as "P1Y", or the event that ends it, or leave it out',
  );

  const consents =
    !decline && isObject(input) && Array.isArray(input.optionalConsents)
      ? (input.optionalConsents as { id: string; granted: boolean }[])
      : [];
  const tied = new Set<string>();
  if (Array.isArray(o.purposes) && o.purposes.length > 0) {
    o.purposes.forEach((purpose: unknown, i) => {
      const path = `options.purposes[${i}]`;
      if (!isObject(purpose))
        return p.need(
          false,
          purpose,
          path,
          'a purpose { id, description, category, personalData, retention }',
        );
      p.need(isText(purpose.id), purpose.id, `${path}.id`, 'a stable id, e.g. "helpdesk"');
      p.need(isText(purpose.description), purpose.description, `${path}.description`, 'the purpose in words');
      p.need(
        isTerm(purpose.category),
        purpose.category,
        `${path}.category`,
        'a DPV purpose term, e.g. "ServiceProvision" or "Marketing"',
      );
      p.need(
        Array.isArray(purpose.personalData) &&
          purpose.personalData.length > 0 &&
          purpose.personalData.every(isTerm),
        purpose.personalData,
        `${path}.personalData`,
        'DPV-PD categories, e.g. ["EmailAddress", "Name"]',
      );
      p.need(
        isText(purpose.retention),
        purpose.retention,
        `${path}.retention`,
        'an ISO 8601 duration such as "P2Y", or the event that ends it, e.g. "Account closure"',
      );
      p.need(
        purpose.recipients === undefined ||
          (Array.isArray(purpose.recipients) && purpose.recipients.every(isIri)),
        purpose.recipients,
        `${path}.recipients`,
        'an array of recipient IRIs, or leave it out',
      );
      const id = purpose.optionalConsentId;
      if (id === undefined) return;
      const listed = consents.some((consent) => consent.id === id);
      p.need(
        isText(id) && (decline || listed),
        id,
        `${path}.optionalConsentId`,
        `the id of an optional consent the receipt lists (${consents.map((x) => JSON.stringify(x.id)).join(', ') || 'it lists none'})`,
      );
      if (isText(id)) tied.add(id);
    });
    if (
      !o.purposes.some((purpose: unknown) => isObject(purpose) && purpose.optionalConsentId === undefined)
    ) {
      p.add(
        'missing-option',
        'options.purposes',
        'options.purposes has no purpose for the agreement itself; add one without optionalConsentId.',
      );
    }
  } else {
    p.need(
      false,
      o.purposes,
      'options.purposes',
      'an array of purposes { id, description, category, personalData, retention }',
    );
  }
  consents.forEach((consent, i) => {
    if (isObject(consent) && isText(consent.id) && !tied.has(consent.id)) {
      p.add(
        'missing-option',
        'options.purposes',
        `receipt.optionalConsents[${i}] ("${consent.id}") has no purpose; add one with optionalConsentId: "${consent.id}", since each optional consent is its own purpose with its own status.`,
      );
    }
  });
  let since = at;
  if (o.receivedAt !== undefined) {
    const received = epochMs(o.receivedAt);
    if (decline)
      p.add(
        'invalid-option',
        'options.receivedAt',
        "options.receivedAt is for a receipt; a decline's declinedAt is the server's time already, so leave it out.",
      );
    else if (Number.isNaN(received))
      p.need(
        false,
        o.receivedAt,
        'options.receivedAt',
        "when the server received the receipt (its countersigned record's receivedAt), an RFC 3339 date-time with a time zone, or leave it out",
      );
    else since = received;
  }
  const guardian = !decline && isObject(input) && isObject(input.guardian);
  checkEvents(o.events, decline, since, o.receivedAt !== undefined && !decline, consents, guardian, p);
  return p.list;
}
