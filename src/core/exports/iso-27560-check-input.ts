/**
 * The checks of the receipt (or decline) and of the withdrawal events `toIso27560Record` records.
 */
import { epochMs, isObject, isText, show, type Json, type Problems } from './iso-27560-problems';

/** Checks the receipt fields the record reads; returns the acceptance time (NaN when bad). */
export function checkReceipt(r: unknown, p: Problems): number {
  if (!isObject(r)) {
    p.add(
      'invalid-receipt',
      'receipt',
      `receipt is ${show(r)}; pass a consent receipt from createReceipt (JSON.parse a stored one first), or a decline { kind: 'decline', … }.`,
    );
    return Number.NaN;
  }
  const doc = (d: unknown, path: string) => {
    const ok =
      isObject(d) &&
      isText(d.id) &&
      isText(d.version) &&
      isText(d.title) &&
      typeof d.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(d.sha256) &&
      isText(d.canonicalization);
    p.need(ok, d, path, 'a document { id, version, title, sha256, canonicalization }', 'receipt');
    if (ok && d.replaces !== undefined && d.replaces !== null) {
      p.need(
        isObject(d.replaces) && isText(d.replaces.version),
        d.replaces,
        `${path}.replaces`,
        'null or { version, receiptId }',
        'receipt',
      );
    }
  };
  p.need(isText(r.receiptId), r.receiptId, 'receipt.receiptId', 'the receipt id', 'receipt');
  const at = epochMs(r.acceptedAt);
  p.need(
    !Number.isNaN(at),
    r.acceptedAt,
    'receipt.acceptedAt',
    'an RFC 3339 date-time with a time zone',
    'receipt',
  );
  p.need(
    isObject(r.signer) && isText(r.signer.id),
    r.signer,
    'receipt.signer',
    'the person who agreed, { id, name }',
    'receipt',
  );
  p.need(isText(r.locale), r.locale, 'receipt.locale', 'a BCP 47 tag, e.g. "en-GB"', 'receipt');
  doc({ ...(isObject(r.agreement) ? r.agreement : {}), replaces: r.replaces }, 'receipt.agreement');
  if (Array.isArray(r.additionalDocuments))
    r.additionalDocuments.forEach((d, i) => doc(d, `receipt.additionalDocuments[${i}]`));
  else
    p.need(false, r.additionalDocuments, 'receipt.additionalDocuments', 'an array ([] when none)', 'receipt');
  p.need(
    Array.isArray(r.optionalConsents) &&
      r.optionalConsents.every(
        (x) =>
          isObject(x) &&
          isText(x.id) &&
          typeof x.granted === 'boolean' &&
          (x.at === null || !Number.isNaN(epochMs(x.at))),
      ),
    r.optionalConsents,
    'receipt.optionalConsents',
    'an array of { id, label, granted, at } ([] when none)',
    'receipt',
  );
  const g = r.guardian;
  p.need(
    g === null ||
      (isObject(g) &&
        isText(g.name) &&
        isText(g.relationship) &&
        isText(g.attestation) &&
        (g.mode === 'joint' || g.mode === 'guardian-only')),
    g,
    'receipt.guardian',
    'null or { name, relationship, attestation, mode, verification }',
    'receipt',
  );
  p.need(
    r.organization === null || (isObject(r.organization) && isText(r.organization.name)),
    r.organization,
    'receipt.organization',
    'null or { name, signerAuthority }',
    'receipt',
  );
  return at;
}

/** Checks a decline; returns its time (NaN when bad). */
export function checkDecline(d: Json, p: Problems): number {
  p.need(isText(d.declineId), d.declineId, 'decline.declineId', "the decline's id", 'receipt');
  const at = epochMs(d.declinedAt);
  p.need(
    !Number.isNaN(at),
    d.declinedAt,
    'decline.declinedAt',
    'an RFC 3339 date-time with a time zone',
    'receipt',
  );
  p.need(
    isObject(d.signer) && isText(d.signer.id),
    d.signer,
    'decline.signer',
    'the person who declined, { id, name }',
    'receipt',
  );
  p.need(isText(d.locale), d.locale, 'decline.locale', 'a BCP 47 tag, e.g. "en-GB"', 'receipt');
  p.need(
    Array.isArray(d.documents) &&
      d.documents.length > 0 &&
      d.documents.every(
        (x) =>
          isObject(x) &&
          isText(x.id) &&
          isText(x.version) &&
          (x.title === undefined || isText(x.title)) &&
          (x.sha256 === undefined || (typeof x.sha256 === 'string' && /^[0-9a-f]{64}$/.test(x.sha256))),
      ),
    d.documents,
    'decline.documents',
    'the documents declined, [{ id, version, title?, sha256? }]',
    'receipt',
  );
  return at;
}

/**
 * Checks the withdrawal events: well-formed, not before the consent (`since`: the server's
 * receive time when `serverTime`, else the client's acceptance time), of something granted.
 */
export function checkEvents(
  events: unknown,
  decline: boolean,
  since: number,
  serverTime: boolean,
  consents: { id: string; granted: boolean }[],
  guardian: boolean,
  p: Problems,
) {
  if (events === undefined) return;
  if (!Array.isArray(events))
    return p.need(
      false,
      events,
      'options.events',
      'an array of withdrawals [{ type: "withdrawn", at, scope }], or leave it out',
      'event',
    );
  if (decline && events.length > 0) {
    p.add(
      'invalid-event',
      'options.events',
      'options.events lists withdrawals, but a decline gave no consent to withdraw; leave events out for a decline.',
    );
    return;
  }
  events.forEach((e: unknown, i) => {
    const path = `options.events[${i}]`;
    if (!isObject(e)) return p.need(false, e, path, 'a withdrawal { type: "withdrawn", at, scope }', 'event');
    p.need(e.type === 'withdrawn', e.type, `${path}.type`, '"withdrawn"', 'event');
    const at = epochMs(e.at);
    p.need(!Number.isNaN(at), e.at, `${path}.at`, 'an RFC 3339 date-time with a time zone', 'event');
    if (!Number.isNaN(at) && at < since)
      p.add(
        'invalid-event',
        `${path}.at`,
        serverTime
          ? `${path}.at is ${show(e.at)}, before the server received the consent (options.receivedAt); a withdrawal comes after it.`
          : `${path}.at is ${show(e.at)}, before the consent was given (the receipt's acceptedAt, client clock); a withdrawal comes after it. If the client's clock was ahead of the server's, pass options.receivedAt, the server's receive time.`,
      );
    const granted = consents.filter((x) => x.granted).map((x) => x.id);
    p.need(
      e.scope === 'all' || granted.includes(e.scope as string),
      e.scope,
      `${path}.scope`,
      `"all", or the id of an optional consent the receipt records as granted (${granted.map((id) => JSON.stringify(id)).join(', ') || 'none is'})`,
      'event',
    );
    const by = e.by;
    if (by !== undefined) {
      const parties = guardian ? ['data-subject', 'guardian'] : ['data-subject'];
      const ok =
        Array.isArray(by) &&
        by.length > 0 &&
        by.every((x) => parties.includes(x as string)) &&
        new Set(by).size === by.length;
      if (!ok && Array.isArray(by) && by.includes('guardian') && !guardian)
        p.add(
          'invalid-event',
          `${path}.by`,
          `${path}.by names the guardian, but the receipt records no guardian; pass ["data-subject"], or leave by out when it is not known who withdrew.`,
        );
      else
        p.need(
          ok,
          by,
          `${path}.by`,
          `who withdrew, each at most once: ${parties.map((x) => JSON.stringify(x)).join(' or ')}${guardian ? ' (or both)' : ''}, or leave it out when it is not known`,
          'event',
        );
    }
    p.need(
      e.method === undefined || isText(e.method),
      e.method,
      `${path}.method`,
      'how it was expressed, in words, or leave it out',
      'event',
    );
  });
}
