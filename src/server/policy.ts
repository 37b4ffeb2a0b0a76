/**
 * The server's policy for a receipt: it must name versions this server served, match their
 * hashes, meet the server's reading requirement (not the client's claim), carry only what was
 * offered, be signed by the authenticated subject, and be dated by a plausible clock.
 *
 * Incoming receipts meet core's `verifyReceipt` here only (`verifyAgainstServed`); the offline
 * check of a stored one (`verifyCountersignedReceipt`) calls it too, with the texts it is given.
 */
import {
  diffAgreements,
  parseAgreement,
  receiptDocuments,
  type ConsentReceipt,
  type KeyClause,
  type ReceiptPolicy,
  type ReceiptProblem,
} from '../core/index';
import { parsedReceiptContent } from '../core/receipt/serialize';
import { verifyReceiptWith } from '../core/receipt/verify';
import type { AgreementCatalog, ServedDocument } from './catalog';

/** A problem the server found; core's codes plus the server's own. */
export interface PolicyProblem {
  /** Stable, safe to branch on: a `ReceiptProblemCode` or one of the server's (`unknown-document`, `unknown-version`, `title-mismatch`, `replaces-not-accepted`, `changes-mismatch`, `change-kind-mismatch`, `clock-ahead`, `too-old`, `reading-required`, `not-offered`, `document-missing`). */
  code: string;
  /** Where, as a dotted path. */
  path: string;
  /** What is wrong and what to do. */
  message: string;
}

/** The server's rules that an app may tune. */
export interface ServerPolicy {
  /** How far ahead of the server's clock a client time may be. @default 300000 (5 minutes) */
  maxClockAheadMs?: number;
  /** How old `acceptedAt` may be when the receipt arrives (an outbox may deliver late). @default 2592000000 (30 days) */
  maxAgeMs?: number;
  /**
   * Whether `subject` may store this receipt. @default the receipt's `signer.id` must be `subject`.
   * Return true for, e.g., an organisation admin storing on a member's behalf.
   */
  allowSigner?: (subject: string, receipt: ConsentReceipt) => boolean | Promise<boolean>;
  /**
   * Core's receipt policy (`verifyReceipt`'s `policy`), e.g. the guardian rule the server applies
   * or the reading a receipt must state. Checked on top of the server's own rules. @default none
   */
  receipt?: ReceiptPolicy;
  /**
   * The app's own rules, run on a receipt that meets every rule of the server's (so it is a
   * verified `ConsentReceipt`), e.g. that an organisation's admin gives every commitment the app
   * requires of organisations. Problems returned are answered like the server's (422, nothing
   * stored); use codes of the app's own. @default none
   */
  rules?: (
    receipt: ConsentReceipt,
    subject: string,
  ) => readonly PolicyProblem[] | Promise<readonly PolicyProblem[]>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A receipt's documents, the agreement first (`receiptDocuments`). */
type Documents = ReturnType<typeof receiptDocuments>;

/** Where the `i`th of `receiptDocuments` sits in a receipt: `''` for the agreement, else `additionalDocuments[i - 1].`. */
const docPath = (i: number) => (i === 0 ? '' : `additionalDocuments[${i - 1}].`);

/** Whether `subject` may store `receipt` (the signer check, before any heavier work). */
export async function signerAllowed(
  policy: ServerPolicy,
  subject: string,
  receipt: unknown,
): Promise<boolean> {
  if (!isObject(receipt) || !isObject(receipt.signer)) return false;
  if (policy.allowSigner) return policy.allowSigner(subject, receipt as unknown as ConsentReceipt);
  return receipt.signer.id === subject;
}

/** A served text, by the hash the server computed once (the catalog hashes each version at start). */
export interface HashedText {
  /** SHA-256 of the canonical text (`hashAgreement`). */
  sha256: string;
  /** The version the receipt must name, when the caller requires one. */
  version?: string;
  /** The served version's key clauses with plain-language summaries, to check the receipt's `summaries`. */
  keyClauses?: readonly KeyClause[];
}

/**
 * Verifies a receipt's shape, consistency and integrity, and every document's hash against the
 * hash of the text served for the version it names (computed once, passed to core as
 * `{ sha256 }`, so no text is canonicalised again per receipt). The single call to core's
 * `verifyReceipt` (as `verifyReceiptWith`, which writes what `integrity` hashes without a copy).
 */
export async function verifyAgainstServed(
  receipt: Record<string, unknown>,
  texts: { agreement: HashedText & { id?: string }; additional: Readonly<Record<string, HashedText>> },
  policy?: ReceiptPolicy,
): Promise<ReceiptProblem[]> {
  const result = await verifyReceiptWith(
    // canonicalContent's string, without copying the receipt parsed from the body.
    parsedReceiptContent,
    receipt,
    texts.agreement.keyClauses
      ? { sha256: texts.agreement.sha256, keyClauses: texts.agreement.keyClauses }
      : { sha256: texts.agreement.sha256 },
    {
      agreementId: texts.agreement.id,
      version: texts.agreement.version,
      additionalDocuments: texts.additional,
      ...(policy ? { policy } : {}),
    },
  );
  // Core speaks to whoever passed the texts; here that is the server, and the client reads it.
  return result.problems.map((p) =>
    p.code === 'agreement-mismatch'
      ? { ...p, message: p.message.replace('the text you passed', 'the text served') }
      : p,
  );
}

interface Context {
  catalog: AgreementCatalog;
  policy: ServerPolicy;
  now: Date;
  /** Who sent it (authenticated), for the app's `rules`. */
  subject: string;
  /** Documents whose current version the subject has already accepted (so it may be left out); asked only when a required document is missing. */
  alreadyAccepted: () => Promise<ReadonlySet<string>>;
  /**
   * The version of each document the subject accepted last (and has not withdrawn), from the
   * log; asked only for a re-consent that reads the changes instead of the whole. Without it,
   * none is.
   */
  acceptedVersions?: () => Promise<ReadonlyMap<string, string>>;
  /**
   * The subject's stored receipts, from the log: receipt id → document id → version accepted;
   * asked only for a receipt whose `replaces` names a receipt id. Without it, no named receipt
   * is one of the subject's.
   */
  acceptedReceipts?: () => Promise<ReadonlyMap<string, ReadonlyMap<string, string>>>;
  /**
   * The kind of change between two served versions (the handler's `changeKind`), against which
   * a receipt's `replaces.changeKind` is checked. Without it, that field is not checked.
   */
  changeKind?: (documentId: string, fromVersion: string, toVersion: string) => 'material' | 'minor' | 'none';
}

/** Every problem with `receipt` under the server's policy, core's checks included. */
export async function checkReceipt(receipt: unknown, ctx: Context): Promise<PolicyProblem[]> {
  if (!isObject(receipt))
    return [{ code: 'not-an-object', path: '', message: 'Send the receipt as a JSON object.' }];
  const problems: PolicyProblem[] = [];
  const { catalog } = ctx;
  const agreement = isObject(receipt.agreement) ? receipt.agreement : {};
  const served = (doc: ServedDocument | undefined, shown: Record<string, unknown>, path: string) => {
    if (!doc) return undefined;
    const { version, title } = shown;
    const v = typeof version === 'string' ? doc.versions.get(version) : undefined;
    if (!v) {
      problems.push({
        code: 'unknown-version',
        path: `${path}.version`,
        message: `${doc.id} version ${JSON.stringify(version)} was never served here; served: ${[...doc.versions.keys()].join(', ')}.`,
      });
    } else if (title !== v.title) {
      // The title is shown but not part of the hashed text: the server holds it to the one it
      // served, or a receipt could name the terms under another document's title.
      problems.push({
        code: 'title-mismatch',
        path: `${path}.title`,
        message: `${path}.title is ${JSON.stringify(title)}, but ${doc.id} version ${v.version} is served as ${JSON.stringify(v.title)}: show the title served (GET agreements/${doc.id}) and record it.`,
      });
    }
    return v;
  };
  if (agreement.id !== catalog.agreement.id) {
    problems.push({
      code: 'unknown-document',
      path: 'agreement.id',
      message: `This server takes receipts for ${JSON.stringify(catalog.agreement.id)}, not ${JSON.stringify(agreement.id)}.`,
    });
  }
  const main =
    agreement.id === catalog.agreement.id ? served(catalog.agreement, agreement, 'agreement') : undefined;
  const additional: Record<string, HashedText> = {};
  const listed = Array.isArray(receipt.additionalDocuments) ? receipt.additionalDocuments : [];
  listed.forEach((doc, i) => {
    const id = isObject(doc) ? doc.id : undefined;
    const known = typeof id === 'string' ? catalog.document(id) : undefined;
    if (!known || known.primary) {
      problems.push({
        code: 'unknown-document',
        path: `additionalDocuments[${i}].id`,
        message: `${JSON.stringify(id)} is not a document served with ${catalog.agreement.id}.`,
      });
      return;
    }
    const v = served(known, isObject(doc) ? doc : {}, `additionalDocuments[${i}]`);
    if (v) additional[known.id] = { sha256: v.sha256, version: v.version, keyClauses: v.summarised };
  });
  let accepted: ReadonlySet<string> | null = null;
  for (const doc of catalog.documents) {
    if (doc.primary || !doc.required || listed.some((d) => isObject(d) && d.id === doc.id)) continue;
    accepted ??= await ctx.alreadyAccepted();
    if (!accepted.has(doc.id)) {
      problems.push({
        code: 'document-missing',
        path: 'additionalDocuments',
        message: `The receipt does not include ${doc.current.title} (${doc.id}); show it and include it.`,
      });
    }
  }
  if (!main || problems.length > 0) return problems;

  problems.push(
    ...(await verifyAgainstServed(
      receipt,
      {
        agreement: { sha256: main.sha256, id: main.id, version: main.version, keyClauses: main.summarised },
        additional,
      },
      ctx.policy.receipt,
    )),
  );
  if (problems.length > 0) return problems;
  const valid = receipt as unknown as ConsentReceipt;
  // Made once for the three checks that go through every document.
  const documents = receiptDocuments(valid);
  checkClock(valid, documents, ctx, problems);
  await checkReplaces(documents, ctx, problems);
  await checkReading(documents, ctx, problems);
  checkOffered(valid, catalog, problems);
  if (problems.length > 0 || !ctx.policy.rules) return problems;
  return [...(await ctx.policy.rules(valid, ctx.subject))];
}

function checkClock(receipt: ConsentReceipt, documents: Documents, ctx: Context, problems: PolicyProblem[]) {
  const now = ctx.now.getTime();
  const ahead = ctx.policy.maxClockAheadMs ?? 5 * 60_000;
  const maxAge = ctx.policy.maxAgeMs ?? 30 * 24 * 3600_000;
  // Every time the receipt records, not only shownAt and acceptedAt: the core already holds the
  // others to acceptedAt at the latest, and the window holds them to the server's clock. Each
  // path is spelled out only for a problem.
  const check = (value: string | null, path: () => string) => {
    if (value === null) return;
    const t = Date.parse(value);
    if (t > now + ahead) {
      problems.push({
        code: 'clock-ahead',
        path: path(),
        message: `${path()} (${value}) is more than ${Math.round(ahead / 60_000)} minutes ahead of the server's clock (${ctx.now.toISOString()}): fix the device's clock and send it again.`,
      });
    } else if (t < now - maxAge) {
      problems.push({
        code: 'too-old',
        path: path(),
        message: `${path()} (${value}) is older than ${Math.round(maxAge / 86_400_000)} days: ask the person to agree again.`,
      });
    }
  };
  check(receipt.shownAt, () => 'shownAt');
  check(receipt.acceptedAt, () => 'acceptedAt');
  documents.forEach((doc, i) => check(doc.reading.reachedEndAt, () => `${docPath(i)}reading.reachedEndAt`));
  receipt.acknowledgements.forEach((a, i) => check(a.at, () => `acknowledgements[${i}].at`));
  receipt.optionalConsents.forEach((c, i) => check(c.at, () => `optionalConsents[${i}].at`));
}

/**
 * A receipt id in `replaces` links this consent to an earlier one in the record, so it must name
 * a receipt this person stored here that accepted the version replaced; a link the client made
 * up would make the record say a consent replaced one it did not. (The version alone, with no
 * receipt id, may name a consent given elsewhere; reading only the changes holds it to this
 * server's record in `checkReading`.)
 */
async function checkReplaces(documents: Documents, ctx: Context, problems: PolicyProblem[]) {
  let receipts: ReadonlyMap<string, ReadonlyMap<string, string>> | null = null;
  for (const [i, doc] of documents.entries()) {
    const receiptId = doc.replaces?.receiptId ?? null;
    if (receiptId === null) continue;
    receipts ??= (await ctx.acceptedReceipts?.()) ?? new Map<string, ReadonlyMap<string, string>>();
    const accepted = receipts.get(receiptId)?.get(doc.id);
    if (accepted === doc.replaces!.version) continue;
    problems.push({
      code: 'replaces-not-accepted',
      path: `${docPath(i)}replaces.receiptId`,
      message:
        `replaces names receipt ${receiptId} for ${doc.id} version ${JSON.stringify(doc.replaces!.version)}, ` +
        (accepted === undefined
          ? `but this person has no stored receipt ${receiptId} that accepted ${doc.id}`
          : `but that receipt accepted version ${JSON.stringify(accepted)}`) +
        ': pass the receipt id the consent status gives (acceptedReceiptId), or none.',
    });
  }
}

/**
 * The changed passages a re-consent from `from` to `to` asks to read: the ids the clickwrap gives
 * them (`diffAgreements`' changes, the removed ones aside, which have nothing to show). Computed
 * once per pair of versions served.
 */
const passagesCache = new WeakMap<ServedDocument, Map<string, ReadonlySet<string>>>();
function changedPassages(doc: ServedDocument, from: string, to: string): ReadonlySet<string> {
  let byPair = passagesCache.get(doc);
  if (!byPair) passagesCache.set(doc, (byPair = new Map()));
  const key = `${from}\u0000${to}`;
  let ids = byPair.get(key);
  if (!ids) {
    const parse = (version: string) => {
      const v = doc.versions.get(version)!;
      return parseAgreement({ id: doc.id, version, markdown: v.markdown, title: v.title });
    };
    const diff = diffAgreements(parse(from), parse(to));
    ids = new Set(diff.changes.filter((c) => c.kind !== 'removed').map((c) => c.id));
    byPair.set(key, ids);
  }
  return ids;
}

async function checkReading(documents: Documents, ctx: Context, problems: PolicyProblem[]) {
  const { catalog } = ctx;
  let acceptedVersions: ReadonlyMap<string, string> | null = null;
  for (const [i, doc] of documents.entries()) {
    const served = catalog.document(doc.id);
    const version = served?.versions.get(doc.version);
    if (!served || !version) continue;
    const path = `${docPath(i)}reading`;
    const { reading } = doc;
    const from = doc.replaces?.version ?? null;
    let changesRead =
      from !== null && reading.changesTotal > 0 && reading.changesSeen.length === reading.changesTotal;
    // The changes a receipt records are held to this server's own diff of the versions it
    // served, whether or not they are what met the reading: a client with another copy of the
    // version replaced (or another diff) would otherwise record changes that were never these.
    let comparable = from !== null && served.versions.has(from);
    if (served.reading === 'changes' && !reading.reachedEnd && changesRead) {
      // Reading the changes instead of the whole holds only against what the server knows: a
      // version it served, that this person accepted, and the passages that changed since,
      // counted here, not taken from the client.
      acceptedVersions ??= (await ctx.acceptedVersions?.()) ?? new Map<string, string>();
      const accepted = acceptedVersions.get(doc.id) ?? null;
      if (from === doc.version || !comparable || accepted !== from) {
        changesRead = false;
        comparable = false;
        problems.push({
          code: 'replaces-not-accepted',
          path: `${docPath(i)}replaces.version`,
          message:
            `${doc.id} version ${JSON.stringify(from)} is replaced, but ` +
            (accepted === null
              ? 'this person has no accepted version of it here'
              : `the version this person accepted here is ${JSON.stringify(accepted)}`) +
            ': reading only the changes counts against the version they accepted. Pass that ' +
            'version as previous, or ask them to read the whole.',
        });
      }
    }
    if (comparable && (reading.changesTotal > 0 || reading.changesSeen.length > 0)) {
      const ids = changedPassages(served, from!, doc.version);
      const unknown = reading.changesSeen.find((id) => !ids.has(id));
      if (reading.changesTotal !== ids.size || unknown !== undefined) {
        changesRead = false;
        problems.push({
          code: 'changes-mismatch',
          path: `${path}.${unknown === undefined ? 'changesTotal' : 'changesSeen'}`,
          message:
            `${doc.id} has ${ids.size} changed passages from ${from} to ${doc.version}` +
            (unknown === undefined
              ? `, not ${reading.changesTotal}`
              : `, and ${JSON.stringify(unknown)} is not one of them`) +
            ': record the passages the re-consent showed, as diffAgreements names them, ' +
            'against the text of the version replaced that this server serves.',
        });
      }
    }
    const recordedKind = doc.replaces?.changeKind;
    if (comparable && recordedKind !== undefined && ctx.changeKind) {
      const kind = ctx.changeKind(doc.id, from!, doc.version);
      if (kind !== recordedKind) {
        problems.push({
          code: 'change-kind-mismatch',
          path: `${docPath(i)}replaces.changeKind`,
          message:
            `The receipt records the change of ${doc.id} from ${from} to ${doc.version} as ` +
            `${recordedKind}, but ` +
            (kind === 'none'
              ? 'this server finds no change between them'
              : `this server counts it as ${kind}`) +
            ": mark the same passages minor on the client (minorChanges) as the server's changeKind does.",
        });
      }
    }
    const met =
      served.reading === 'none' || reading.reachedEnd || (served.reading === 'changes' && changesRead);
    if (!met) {
      const wanted =
        served.reading === 'whole'
          ? 'read to the end'
          : 'read to the end, or (in a re-consent) every changed passage read';
      problems.push({
        code: 'reading-required',
        path,
        message: `This server requires ${doc.id} to be ${wanted} before accepting, whatever the receipt says was required ("${reading.required}").`,
      });
    }
    if (reading.keyClausesTotal !== version.keyClauseIds.size) {
      problems.push({
        code: 'key-clauses-inconsistent',
        path: `${path}.keyClausesTotal`,
        message: `${doc.id} ${doc.version} has ${version.keyClauseIds.size} key clauses, not ${reading.keyClausesTotal}.`,
      });
    }
    const unknown = reading.keyClausesSeen.find((id) => !version.keyClauseIds.has(id));
    if (unknown !== undefined) {
      problems.push({
        code: 'key-clauses-inconsistent',
        path: `${path}.keyClausesSeen`,
        message: `${JSON.stringify(unknown)} is not a key clause of ${doc.id} ${doc.version}.`,
      });
    }
  }
}

function checkOffered(receipt: ConsentReceipt, catalog: AgreementCatalog, problems: PolicyProblem[]) {
  const check = (
    items: readonly { id: string; label: string }[],
    offered: ReadonlyMap<string, string>,
    field: string,
  ) => {
    items.forEach((item, i) => {
      if (offered.get(item.id) !== item.label) {
        problems.push({
          code: 'not-offered',
          path: `${field}[${i}]`,
          message: `${field}[${i}] (${JSON.stringify(item.id)}) is not one this server offers, label word for word.`,
        });
      }
    });
  };
  check(receipt.acknowledgements, catalog.acknowledgements, 'acknowledgements');
  check(receipt.optionalConsents, catalog.optionalConsents, 'optionalConsents');
}
