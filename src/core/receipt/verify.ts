/**
 * `verifyReceipt`: checks a receipt someone hands you against the texts you served (and, with
 * `policy`, against what you require). Never throws for a bad receipt: it lists the problems.
 */
import { CANONICALIZATION_VERSION, canonicalizeAgreement } from '../canonical';
import { hashAgreement, sha256Hex } from '../hash';
import { SHA256 } from '../internal/ids';
import { isObject, isText, show, type Json } from '../internal/problems';
import { checkConsistency } from './consistency';
import { checkPolicy } from './policy';
import { canonicalContent } from './serialize';
import { checkShape, RECEIPT } from './shape';
import { checkSummariesAgainst, checkSummariesOf, checkSummariesVariant, shownBody } from './summaries';
import type { ReceiptProblem, ReceiptVerification, VerifyReceiptOptions } from './types';
import type { KeyClause } from '../types';

/**
 * Checks a receipt, e.g. one a client sent or one read back from storage, against the agreement
 * text the server served for that version and, with `options.policy`, against what the server
 * requires. Resolves `{ ok, problems }` and never rejects for a bad receipt: it collects every
 * problem, each with a stable `code`.
 *
 * It checks, in order: that `receipt` is an object of the v1 receipt schema, with every field
 * present, well-typed and consistent, and no others (the same rules as
 * `schema/receipt.schema.json`, plus the cross-field rules the schema describes); the reading
 * each document states it required, by the one rule set the accept gate uses
 * (`missingRequirements`); that the canonicalisation version is known; that `agreement.sha256` is
 * the hash of `agreementMarkdown` (`agreement-mismatch`); the expected id and version, when
 * given; the policy (a weaker reading, no age check under the policy's guardian rule, another
 * version, a document left out); and that `integrity` matches the other fields.
 *
 * `integrity` is a checksum, **not a signature**: anyone who edits a receipt can recompute it, so
 * only the checks against your own texts and `policy` hold a client to what you require.
 * Countersigning and a tamper-evident log are `react-clickwrap/server`'s job.
 * @param agreementMarkdown The text of the agreement version the receipt claims, as served (any
 *   line endings: it is canonicalised before hashing), or `{ sha256 }`, its hash computed once by
 *   a server that verifies many receipts against the same text. Add `keyClauses`, the served
 *   version's parsed key clauses, and the plain-language summaries' hash is checked too (without
 *   them, it is not: it needs the summaries).
 * @returns `{ ok, problems }`; rejects only when Web Crypto is unavailable.
 */
export function verifyReceipt(
  receipt: unknown,
  agreementMarkdown: string | { sha256: string; keyClauses?: readonly Pick<KeyClause, 'id' | 'summary'>[] },
  options: VerifyReceiptOptions = {},
): Promise<ReceiptVerification> {
  return verifyReceiptWith(canonicalContent, receipt, agreementMarkdown, options);
}

/**
 * `verifyReceipt`, with `content` writing the string `integrity` hashes: `canonicalContent`'s
 * string, made another way (the server's, `parsedReceiptContent`, skips a copy).
 */
export async function verifyReceiptWith(
  content: (receipt: unknown) => string,
  receipt: unknown,
  agreementMarkdown: Parameters<typeof verifyReceipt>[1],
  options: VerifyReceiptOptions,
): Promise<ReceiptVerification> {
  const problems: ReceiptProblem[] = [];
  if (!isObject(receipt)) {
    problems.push({
      code: 'not-an-object',
      path: '',
      message: `The receipt is ${show(receipt)}; it should be a receipt object (parse stored JSON with JSON.parse first).`,
    });
    return { ok: false, problems };
  }

  checkShape(receipt, RECEIPT, '', 'verify', problems);
  checkConsistency(receipt, problems);
  checkSummariesVariant(receipt, problems);

  const agreement = isObject(receipt.agreement) ? receipt.agreement : {};
  const canonicalization = agreement.canonicalization;
  const knownRules = canonicalization === CANONICALIZATION_VERSION;
  if (isText(canonicalization) && !knownRules) {
    problems.push({
      code: 'unknown-canonicalization',
      path: 'agreement.canonicalization',
      message: `agreement.canonicalization is ${show(canonicalization)}, which this version of react-clickwrap does not know (it knows "${CANONICALIZATION_VERSION}"), so the agreement hash cannot be checked. Verify with the library version that created the receipt.`,
    });
  }

  const given = precomputed(agreementMarkdown);
  if (given === false) {
    problems.push({
      code: 'invalid-argument',
      path: '',
      message: `verifyReceipt's second argument is ${show(agreementMarkdown)}; pass the agreement text, or { sha256 } with its hash (64 lowercase hex digits).`,
    });
  } else if (given !== null) {
    if (knownRules) compareHash(agreement, 'agreement', given, problems);
    const clauses = (agreementMarkdown as Json).keyClauses;
    if (knownRules && Array.isArray(clauses))
      await checkSummariesOf(agreement, 'agreement', clauses, problems);
  } else if (typeof agreementMarkdown !== 'string') {
    problems.push({
      code: 'invalid-argument',
      path: '',
      message: `verifyReceipt's second argument is ${show(agreementMarkdown)}; pass the agreement text (markdown) of the version the receipt names.`,
    });
  } else if (canonicalizeAgreement(agreementMarkdown) === '') {
    problems.push({
      code: 'empty-agreement',
      path: '',
      message: 'The agreement text you passed is empty: pass the text of the version the receipt names.',
    });
  } else if (knownRules) {
    await checkHash(agreement, 'agreement', agreementMarkdown, problems);
    await checkSummariesAgainst(agreement, 'agreement', agreementMarkdown, problems);
  }

  const opts: Json = isObject(options) ? options : {};
  await checkAdditionalDocuments(receipt.additionalDocuments, opts.additionalDocuments, problems);
  const expectations = [
    ['agreementId', 'agreement.id', 'agreement-id-mismatch', agreement.id],
    ['version', 'agreement.version', 'version-mismatch', agreement.version],
  ] as const;
  for (const [option, path, code, actual] of expectations) {
    const wanted = opts[option];
    if (wanted === undefined) continue;
    if (typeof wanted !== 'string') {
      problems.push({
        code: 'invalid-argument',
        path: '',
        message: `options.${option} is ${show(wanted)}; pass a string, or leave it out.`,
      });
    } else if (actual !== wanted) {
      problems.push({
        code,
        path,
        message: `${path} is ${show(actual)} but you expected ${JSON.stringify(wanted)}: the receipt is for another ${option === 'version' ? 'version' : 'agreement'}.`,
      });
    }
  }

  // The policy restates what the options may already have checked: report each problem once.
  const policyProblems: ReceiptProblem[] = [];
  checkPolicy(receipt, opts.policy, policyProblems);
  const reported = new Set(problems.map((p) => `${p.code} ${p.path}`));
  problems.push(...policyProblems.filter((p) => !reported.has(`${p.code} ${p.path}`)));

  const integrity = receipt.integrity;
  if (typeof integrity === 'string' && SHA256.test(integrity)) {
    let actual: string | null = null;
    try {
      actual = await sha256Hex(content(receipt));
    } catch {
      // Not serialisable as JSON (a cycle, a BigInt): it cannot be the receipt that was sealed.
    }
    if (actual !== integrity) {
      problems.push({
        code: 'integrity-mismatch',
        path: 'integrity',
        message:
          "The receipt's integrity value does not match its other fields: the receipt was " +
          'changed after it was created (or assembled by hand). Integrity detects accidental ' +
          'and casual edits; it is not a signature.',
      });
    }
  }

  return { ok: problems.length === 0, problems };
}

/**
 * A precomputed hash passed in place of a text: the hash; null when `value` is not one (a text,
 * or something else); false when it is an object with a `sha256` that is not a SHA-256 hex.
 */
function precomputed(value: unknown): string | null | false {
  if (!isObject(value) || !('sha256' in value)) return null;
  return typeof value.sha256 === 'string' && SHA256.test(value.sha256) ? value.sha256 : false;
}

/** Whether `doc.sha256` (when well-formed) is the hash of `markdown`. */
async function checkHash(doc: Json, path: string, markdown: string, problems: ReceiptProblem[]) {
  if (typeof doc.sha256 !== 'string' || !SHA256.test(doc.sha256)) return;
  // A source with a summaries section hashes as its body: the summaries are checked apart.
  compareHash(doc, path, await hashAgreement(shownBody(markdown)), problems);
}

/** Whether `doc.sha256` (when well-formed) is `expected`, the hash of the text served. */
function compareHash(doc: Json, path: string, expected: string, problems: ReceiptProblem[]) {
  if (typeof doc.sha256 !== 'string' || !SHA256.test(doc.sha256)) return;
  if (expected !== doc.sha256) {
    const what = path === 'agreement' ? 'agreement' : `document ${JSON.stringify(doc.id)}`;
    problems.push({
      code: 'agreement-mismatch',
      path: `${path}.sha256`,
      message: `The receipt's hash of the ${what} (${doc.sha256}) does not match the text you passed (${expected}): the person saw different text, or you passed another version.`,
    });
  }
}

/** Each additional document against the text the caller served for it, both ways round. */
async function checkAdditionalDocuments(
  listed: unknown,
  served: unknown,
  problems: ReceiptProblem[],
): Promise<void> {
  if (served !== undefined && !isObject(served)) {
    problems.push({
      code: 'invalid-argument',
      path: '',
      message: `options.additionalDocuments is ${show(served)}; pass an object mapping each document id to the text you served (or to { markdown, version }).`,
    });
    return;
  }
  const texts: Json = served ?? {};
  const documents = Array.isArray(listed) ? listed : [];
  const seen = new Set<string>();
  for (const [i, doc] of documents.entries()) {
    if (!isObject(doc) || !isText(doc.id)) continue;
    const id = doc.id as string;
    const path = `additionalDocuments[${i}]`;
    seen.add(id);
    const knownRules = doc.canonicalization === CANONICALIZATION_VERSION;
    if (isText(doc.canonicalization) && !knownRules) {
      problems.push({
        code: 'unknown-canonicalization',
        path: `${path}.canonicalization`,
        message: `${path}.canonicalization is ${show(doc.canonicalization)}, which this version of react-clickwrap does not know (it knows "${CANONICALIZATION_VERSION}"), so the hash of ${JSON.stringify(id)} cannot be checked. Verify with the library version that created the receipt.`,
      });
    }
    const entry = Object.hasOwn(texts, id) ? texts[id] : undefined;
    if (entry === undefined) {
      problems.push({
        code: 'document-unverified',
        path,
        message: `The receipt lists the document ${JSON.stringify(id)}, but you passed no text for it, so its hash is unchecked: pass options.additionalDocuments[${JSON.stringify(id)}], the text of the version you served.`,
      });
      continue;
    }
    const markdown = isObject(entry) ? entry.markdown : entry;
    const version = isObject(entry) ? entry.version : undefined;
    const hash = precomputed(entry);
    if (
      hash === false ||
      (hash === null && (typeof markdown !== 'string' || canonicalizeAgreement(markdown) === '')) ||
      (version !== undefined && typeof version !== 'string')
    ) {
      problems.push({
        code: 'invalid-argument',
        path: '',
        message: `options.additionalDocuments[${JSON.stringify(id)}] is ${show(entry)}; pass the document's text (markdown), or { markdown, version }, or { sha256, version } with its hash (strings).`,
      });
      continue;
    }
    if (version !== undefined && doc.version !== version) {
      problems.push({
        code: 'version-mismatch',
        path: `${path}.version`,
        message: `${path}.version is ${show(doc.version)} but you expected ${JSON.stringify(version)} for ${JSON.stringify(id)}: the receipt is for another version.`,
      });
    }
    if (knownRules && hash !== null) {
      compareHash(doc, path, hash, problems);
      const clauses = isObject(entry) ? entry.keyClauses : undefined;
      if (Array.isArray(clauses)) await checkSummariesOf(doc, path, clauses, problems);
    } else if (knownRules && typeof markdown === 'string') {
      await checkHash(doc, path, markdown, problems);
      await checkSummariesAgainst(doc, path, markdown, problems);
    }
  }
  for (const id of Object.keys(texts)) {
    if (!seen.has(id)) {
      problems.push({
        code: 'document-missing',
        path: 'additionalDocuments',
        message: `You passed the document ${JSON.stringify(id)}, but the receipt does not list it: the person did not agree to it in this consent.`,
      });
    }
  }
}
