/**
 * The server's policy, held against a client's receipt. A receipt is the client's statement;
 * whoever edits one can recompute its `integrity`. So the server states what it requires (the
 * version it served, the reading, the guardian rule, the documents) and a receipt that claims
 * less fails, however consistent it is with itself.
 */
import { minimumAgeFor } from '../age';
import { isObject, show, type Json } from '../internal/problems';
import type { ReadingRequirement } from '../types';
import { builtInRuleOf, guardianRuleName } from './rule-name';
import type { DocumentPolicy, ReceiptPolicy, ReceiptProblem } from './types';

export { guardianRuleName };

/** How much each reading requirement asks: a receipt may state more than the policy, never less. */
const STRENGTH: Readonly<Record<ReadingRequirement, number>> = { none: 0, changes: 1, whole: 2 };

function invalid(path: string, value: unknown, fix: string): ReceiptProblem {
  return {
    code: 'invalid-argument',
    path: '',
    message: `options.policy${path} is ${show(value)}; ${fix}`,
  };
}

/** One document (the agreement at `path` "", or an additional one) against its policy. */
function checkDocument(
  doc: Json,
  path: string,
  wanted: DocumentPolicy & { id?: string },
  where: string,
  problems: ReceiptProblem[],
): void {
  const docPath = path || 'agreement';
  const reading: Json = isObject(doc.reading) ? doc.reading : {};
  const readingPath = path ? `${path}.reading` : 'reading';
  if (wanted.id !== undefined && doc.id !== wanted.id) {
    problems.push({
      code: 'agreement-id-mismatch',
      path: `${docPath}.id`,
      message: `${docPath}.id is ${show(doc.id)} but the policy requires ${JSON.stringify(wanted.id)}: the receipt is for another agreement.`,
    });
  }
  if (wanted.version !== undefined && doc.version !== wanted.version) {
    problems.push({
      code: 'version-mismatch',
      path: `${docPath}.version`,
      message: `${docPath}.version is ${show(doc.version)} but the policy requires ${JSON.stringify(wanted.version)}, the version served: the receipt is for another version.`,
    });
  }
  if (wanted.reading !== undefined) {
    if (!Object.hasOwn(STRENGTH, wanted.reading)) {
      problems.push(invalid(`${where}.reading`, wanted.reading, 'pass "whole", "changes" or "none".'));
    } else {
      const stated = reading.required as ReadingRequirement;
      if (!Object.hasOwn(STRENGTH, stated) || STRENGTH[stated] < STRENGTH[wanted.reading]) {
        problems.push({
          code: 'reading-below-policy',
          path: `${readingPath}.required`,
          message: `${readingPath}.required is ${show(reading.required)} but the policy requires "${wanted.reading}"${wanted.reading === 'changes' ? ' (or "whole")' : ''}: the receipt claims less reading than the server asked for.`,
        });
      }
    }
  }
  if (wanted.changes !== undefined && reading.changesTotal !== wanted.changes) {
    problems.push({
      code: 'changes-mismatch',
      path: `${readingPath}.changesTotal`,
      message: `${readingPath}.changesTotal is ${show(reading.changesTotal)} but the policy says ${String(wanted.changes)} passages changed since the version replaced.`,
    });
  }
}

/** The age check the policy's guardian rule requires, and the guardian when it required one. */
function checkGuardian(
  receipt: Json,
  policy: NonNullable<ReceiptPolicy['guardian']>,
  problems: ReceiptProblem[],
) {
  let name: string;
  let minimumAge: number;
  try {
    minimumAge = minimumAgeFor(policy.rule);
    name = guardianRuleName(policy.rule);
  } catch (error) {
    problems.push(
      invalid('.guardian.rule', policy.rule, error instanceof Error ? error.message : 'pass a GuardianRule.'),
    );
    return;
  }
  const age = receipt.age;
  if (!isObject(age)) {
    problems.push({
      code: 'age-decision-missing',
      path: 'age',
      message: `age is ${show(age)} but the policy applies the guardian rule "${name}": every receipt must carry the age check made under it (adults too), so a receipt cannot leave out the minor to escape the guardian.`,
    });
    return;
  }
  // The recorded name as guardianRuleName writes it today (receipts made before Greece had one
  // name recorded its EU code, gdpr:EL).
  const builtIn = builtInRuleOf(age.rule);
  const recorded = builtIn ? guardianRuleName(builtIn) : age.rule;
  if (recorded !== name || age.minimumAge !== minimumAge) {
    problems.push({
      code: 'guardian-rule-mismatch',
      path: 'age.rule',
      message: `The age check ran under ${show(age.rule)} (minimum age ${show(age.minimumAge)}) but the policy applies "${name}" (minimum age ${minimumAge}).`,
    });
  }
  if (
    (policy.requireGuardianForMinor ?? true) &&
    age.guardianRequired === true &&
    !isObject(receipt.guardian)
  ) {
    problems.push({
      code: 'guardian-missing',
      path: 'guardian',
      message: `The age check required a guardian (bracket ${show(age.ageBracket)}, under ${minimumAge}) but guardian is ${show(receipt.guardian)}: a minor agrees accompanied by a legal guardian.`,
    });
  }
}

/** Every way `receipt` claims less than `policy` requires. */
export function checkPolicy(receipt: Json, policy: unknown, problems: ReceiptProblem[]): void {
  if (policy === undefined) return;
  if (!isObject(policy)) {
    problems.push(invalid('', policy, 'pass { agreement, reading, guardian, documents }, or leave it out.'));
    return;
  }
  const p = policy as ReceiptPolicy;
  const agreement: Json = isObject(receipt.agreement) ? receipt.agreement : {};
  checkDocument(
    { ...agreement, reading: receipt.reading },
    '',
    { ...(isObject(p.agreement) ? p.agreement : {}), reading: p.reading },
    '',
    problems,
  );
  if (p.guardian !== undefined && p.guardian !== null) {
    if (!isObject(p.guardian))
      problems.push(invalid('.guardian', p.guardian, 'pass { rule, requireGuardianForMinor }, or null.'));
    else checkGuardian(receipt, p.guardian, problems);
  }
  const documents = Array.isArray(receipt.additionalDocuments) ? receipt.additionalDocuments : [];
  for (const [id, wanted] of Object.entries(p.documents ?? {})) {
    const i = documents.findIndex((d: unknown) => isObject(d) && d.id === id);
    if (i < 0) {
      problems.push({
        code: 'document-missing',
        path: 'additionalDocuments',
        message: `The policy requires the document ${JSON.stringify(id)}, but the receipt does not list it: the person did not agree to it in this consent.`,
      });
    } else if (isObject(wanted)) {
      checkDocument(
        documents[i] as Json,
        `additionalDocuments[${i}]`,
        wanted,
        `.documents[${JSON.stringify(id)}]`,
        problems,
      );
    } else {
      problems.push(
        invalid(`.documents[${JSON.stringify(id)}]`, wanted, 'pass { version, reading, changes }.'),
      );
    }
  }
}
