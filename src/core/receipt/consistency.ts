/**
 * The rules across a receipt's fields that the schema documents but cannot fully express: dates
 * in order, guardian with minor, each id once, reading evidence that agrees with itself.
 * What a consent *requires* (reading done, ticks given) is decided by ./rules.ts, not here.
 */
import { minimumAgeFor } from '../age/guardian';
import { builtInRuleOf } from './rule-name';
import { parseDateTime } from '../internal/datetime';
import { isObject, isText, show, type Json } from '../internal/problems';
import { checkPresentationConsistency } from './presentation';
import { documentIndexOf, receiptMissing, requirementProblem } from './requirements';
import type { ReceiptProblem, ReceiptProblemCode, ReceiptRequirementsInput } from './types';

/**
 * Rules across fields, which the schema documents but cannot fully express, and the one rule set
 * (`missingRequirements`) over the reading the receipt records (and, from `createReceipt`, what
 * the flow required): each document's unmet reading is reported with that document.
 */
export function checkConsistency(
  receipt: Json,
  problems: ReceiptProblem[],
  required?: ReceiptRequirementsInput,
): void {
  const { state, missing } = receiptMissing(receipt, required);
  checkPresentationConsistency(receipt, problems);
  const unmetAt = (i: number) =>
    missing.filter((m) => documentIndexOf(m, state) === i).map((m) => requirementProblem(m, state));
  const shown = typeof receipt.shownAt === 'string' ? parseDateTime(receipt.shownAt) : null;
  const accepted = typeof receipt.acceptedAt === 'string' ? parseDateTime(receipt.acceptedAt) : null;
  if (shown !== null && accepted !== null && accepted < shown) {
    problems.push({
      code: 'accepted-before-shown',
      path: 'acceptedAt',
      message:
        `acceptedAt (${String(receipt.acceptedAt)}) is before shownAt (${String(receipt.shownAt)}): ` +
        'consent cannot be given before the agreement is shown. Record shownAt when the agreement ' +
        'is first displayed and acceptedAt when the accept control is pressed.',
    });
  }

  // Everything the consent rests on happened before the person accepted: the receipt is made
  // at that moment, so a later time is a clock or a record that is wrong.
  const notAfterAccepted = (value: unknown, path: string, what: string) => {
    if (accepted === null || typeof value !== 'string') return;
    const at = parseDateTime(value);
    if (at === null || at <= accepted) return;
    problems.push({
      code: 'after-accepted',
      path,
      message:
        `${path} (${value}) is after acceptedAt (${String(receipt.acceptedAt)}): ${what} cannot ` +
        'happen after the person accepted. Record each time as it happens, from the same clock, ' +
        'and make the receipt when the accept control is pressed.',
    });
  };
  if (isObject(receipt.reading)) {
    notAfterAccepted(receipt.reading.reachedEndAt, 'reading.reachedEndAt', 'reaching the end');
  }
  if (Array.isArray(receipt.additionalDocuments)) {
    receipt.additionalDocuments.forEach((doc, i) => {
      if (isObject(doc) && isObject(doc.reading)) {
        const path = `additionalDocuments[${i}].reading.reachedEndAt`;
        notAfterAccepted(doc.reading.reachedEndAt, path, 'reaching the end');
      }
    });
  }
  if (Array.isArray(receipt.acknowledgements)) {
    receipt.acknowledgements.forEach((ack, i) => {
      if (isObject(ack)) notAfterAccepted(ack.at, `acknowledgements[${i}].at`, 'a tick');
    });
  }
  if (Array.isArray(receipt.optionalConsents)) {
    receipt.optionalConsents.forEach((consent, i) => {
      if (isObject(consent)) notAfterAccepted(consent.at, `optionalConsents[${i}].at`, 'a tick');
    });
  }

  const { guardian, minor } = receipt;
  if (isObject(guardian) && minor === null) {
    problems.push({
      code: 'guardian-minor-mismatch',
      path: 'minor',
      message:
        'guardian is set but minor is null: a guardian co-signs for a minor. Pass minor too ' +
        '(ageBracket, rule, minimumAge), or guardian: null when the person is not a minor.',
    });
  } else if (isObject(minor) && guardian === null) {
    problems.push({
      code: 'guardian-minor-mismatch',
      path: 'guardian',
      message:
        'minor is set but guardian is null: a minor agrees accompanied by a legal guardian. ' +
        'Pass guardian too (name, relationship, attestation, mode), or minor: null when the ' +
        'person is not a minor.',
    });
  }

  const acknowledgements = receipt.acknowledgements;
  if (Array.isArray(acknowledgements)) {
    const seen = new Set<unknown>();
    acknowledgements.forEach((ack, i) => {
      if (!isObject(ack) || !isText(ack.id)) return;
      if (seen.has(ack.id)) {
        problems.push({
          code: 'duplicate-acknowledgement',
          path: `acknowledgements[${i}].id`,
          message: `acknowledgements[${i}].id ${JSON.stringify(ack.id)} appears more than once: record each acknowledgement once, with the time it was ticked.`,
        });
      }
      seen.add(ack.id);
    });
  }

  const optional = receipt.optionalConsents;
  if (Array.isArray(optional)) {
    const seen = new Set<unknown>();
    optional.forEach((consent, i) => {
      if (!isObject(consent)) return;
      if (isText(consent.id) && seen.has(consent.id)) {
        problems.push({
          code: 'duplicate-optional-consent',
          path: `optionalConsents[${i}].id`,
          message: `optionalConsents[${i}].id ${JSON.stringify(consent.id)} appears more than once: record each optional consent once, granted or not.`,
        });
      }
      seen.add(consent.id);
      if (consent.granted === true && consent.at === null) {
        problems.push({
          code: 'optional-consent-inconsistent',
          path: `optionalConsents[${i}].at`,
          message: `optionalConsents[${i}] is granted but its time is null: an optional consent is granted only by the person ticking it, so pass the time they ticked it (or granted: false if they did not).`,
        });
      }
    });
  }

  checkAge(receipt, problems);
  checkReading(receipt.reading, 'reading', receipt.replaces, unmetAt(0), problems);

  const documents = receipt.additionalDocuments;
  if (Array.isArray(documents)) {
    const ids = new Set<unknown>([isObject(receipt.agreement) ? receipt.agreement.id : undefined]);
    documents.forEach((doc, i) => {
      if (!isObject(doc)) return;
      const path = `additionalDocuments[${i}]`;
      if (isText(doc.id) && ids.has(doc.id)) {
        problems.push({
          code: 'duplicate-document',
          path: `${path}.id`,
          message: `${path}.id ${JSON.stringify(doc.id)} is already listed (as the agreement or an earlier document): list each document once.`,
        });
      }
      ids.add(doc.id);
      checkReading(doc.reading, `${path}.reading`, doc.replaces, unmetAt(i + 1), problems);
    });
  }
  for (const m of missing) {
    if (documentIndexOf(m, state) === null) problems.push(requirementProblem(m, state));
  }
}

/** The ages each of the library's brackets (`AGE_BRACKETS`) spans; other brackets are the app's own. */
const BRACKET_AGES: Readonly<Record<string, readonly [number, number]>> = {
  'under-13': [0, 12],
  '13': [13, 13],
  '14': [14, 14],
  '15': [15, 15],
  '16-17': [16, 17],
  '18-plus': [18, Infinity],
};

/**
 * The minimum age a built-in rule's name (`guardianRuleName`) stands for: `agreement` 18, `coppa`
 * 13, `gdpr:XX` the state's age of digital consent; undefined for an app's own rule (`custom…`).
 * A `gdpr:` name of no state in the table is null. The library decides under these rules, so
 * the bracket it recorded is one of its own and the minimum age is the rule's.
 */
function builtInMinimumAge(rule: unknown): number | null | undefined {
  const builtIn = builtInRuleOf(rule);
  if (!builtIn) return undefined;
  try {
    return minimumAgeFor(builtIn);
  } catch {
    return null;
  }
}

/**
 * `age` agrees with `minor`, and the decision they record with itself: a built-in rule's minimum
 * age and brackets, and the bracket on the side of the minimum age that its `guardianRequired`
 * (or, for `minor`, requiring a guardian) says.
 */
function checkAge(receipt: Json, problems: ReceiptProblem[]): void {
  const { age, minor } = receipt;
  if (isObject(minor)) {
    const same =
      isObject(age) &&
      age.guardianRequired === true &&
      age.ageBracket === minor.ageBracket &&
      age.rule === minor.rule &&
      age.minimumAge === minor.minimumAge;
    if (!same && age !== undefined) {
      problems.push({
        code: 'age-inconsistent',
        path: 'age',
        message:
          'minor is set but age does not record the same check: pass age with the same ageBracket, ' +
          'rule and minimumAge and guardianRequired: true (or leave age out and createReceipt derives it).',
      });
      return;
    }
    checkDecision({ ...minor, guardianRequired: true }, 'minor', problems);
    return;
  }
  if (!isObject(age)) return;
  if (age.guardianRequired === true && minor === null) {
    problems.push({
      code: 'age-inconsistent',
      path: 'minor',
      message:
        'age.guardianRequired is true but minor is null: a person the rule requires a guardian for is ' +
        'a minor. Pass minor (and guardian), or the age check that found no guardian was required.',
    });
  }
  checkDecision(age, 'age', problems);
}

/** One age decision (`age`, or `minor` as one that required a guardian) against its own rule. */
function checkDecision(decision: Record<string, unknown>, path: string, problems: ReceiptProblem[]): void {
  const { ageBracket, rule, minimumAge: min, guardianRequired } = decision;
  const ruleMin = builtInMinimumAge(rule);
  if (ruleMin === null) {
    problems.push({
      code: 'age-inconsistent',
      path: `${path}.rule`,
      message: `${path}.rule is ${show(rule)}, a GDPR rule of no state with a known age of digital consent: record the rule the check ran under (guardianRuleName).`,
    });
    return;
  }
  if (ruleMin !== undefined) {
    if (min !== ruleMin) {
      problems.push({
        code: 'age-inconsistent',
        path: `${path}.minimumAge`,
        message: `${path}.minimumAge is ${show(min)}, but the rule ${show(rule)} has the minimum age ${ruleMin}: record the decision the rule gave.`,
      });
      return;
    }
    if (typeof ageBracket !== 'string' || !Object.hasOwn(BRACKET_AGES, ageBracket)) {
      problems.push({
        code: 'age-inconsistent',
        path: `${path}.ageBracket`,
        message: `${path}.ageBracket is ${show(ageBracket)}, which the rule ${show(rule)} never gives: its brackets are ${Object.keys(BRACKET_AGES).join(', ')} (AGE_BRACKETS).`,
      });
      return;
    }
  }
  const span = typeof ageBracket === 'string' ? BRACKET_AGES[ageBracket] : undefined;
  if (span && Number.isSafeInteger(min) && typeof guardianRequired === 'boolean') {
    const [lo, hi] = span;
    const expected = hi < (min as number) ? true : lo >= (min as number) ? false : null;
    if (expected !== null && expected !== guardianRequired) {
      problems.push({
        code: 'age-inconsistent',
        path: path === 'minor' ? 'minor.ageBracket' : 'age.guardianRequired',
        message:
          path === 'minor'
            ? `minor is set, but the bracket ${JSON.stringify(ageBracket)} is at or over the minimum age ${String(min)}: no guardian is required, so the person is not a minor under this rule.`
            : `age.guardianRequired is ${String(guardianRequired)}, but the bracket ${JSON.stringify(ageBracket)} is ${expected ? 'under' : 'at or over'} the minimum age ${String(min)}: pass the decision the rule gave.`,
      });
    }
  }
}

/** The rules across one document's reading evidence (and its `replaces`). */
function checkReading(
  reading: unknown,
  path: string,
  replaces: unknown,
  unmet: readonly ReceiptProblem[],
  problems: ReceiptProblem[],
): void {
  if (!isObject(reading)) {
    for (const problem of unmet) problems.push(problem);
    return;
  }
  if (reading.reachedEnd === true && reading.reachedEndAt === null) {
    problems.push({
      code: 'reading-inconsistent',
      path: `${path}.reachedEndAt`,
      message:
        `${path}.reachedEnd is true but ${path}.reachedEndAt is null: pass the time the end ` +
        'of the document came into view, or reachedEnd: false if it never did.',
    });
  } else if (reading.reachedEnd === false && typeof reading.reachedEndAt === 'string') {
    problems.push({
      code: 'reading-inconsistent',
      path: `${path}.reachedEndAt`,
      message:
        `${path}.reachedEnd is false but ${path}.reachedEndAt is set: pass reachedEnd: true ` +
        'if the end was reached, or reachedEndAt: null if it was not.',
    });
  }
  checkSeenIds(
    reading.keyClausesSeen,
    reading.keyClausesTotal,
    `${path}.keyClausesSeen`,
    'key-clauses-inconsistent',
    {
      what: 'key clauses',
      total: `${path}.keyClausesTotal`,
      fix: "pass the document's number of key clauses as keyClausesTotal, and only its clause ids as keyClausesSeen",
    },
    problems,
  );
  checkSeenIds(
    reading.changesSeen,
    reading.changesTotal,
    `${path}.changesSeen`,
    'reading-inconsistent',
    {
      what: 'changed passages',
      total: `${path}.changesTotal`,
      fix: 'pass the number of added and changed passages as changesTotal, and only their ids as changesSeen',
    },
    problems,
  );

  const total = reading.changesTotal;
  const hasChanges = (Number.isSafeInteger(total) && (total as number) > 0) || reading.required === 'changes';
  const replacesPath = path === 'reading' ? 'replaces' : `${path.slice(0, -'.reading'.length)}.replaces`;
  if (hasChanges && replaces === null) {
    problems.push({
      code: 'reading-inconsistent',
      path: replacesPath,
      message: `${path} records changes read (re-consent) but ${replacesPath} is null: pass the version the consent replaces, or changesTotal: 0 and a required reading other than "changes" for a first consent.`,
    });
  }
  for (const problem of unmet) problems.push(problem);
}

/** Ids seen (key clauses or changes): each once, and no more than the total. */
function checkSeenIds(
  ids: unknown,
  total: unknown,
  path: string,
  code: ReceiptProblemCode,
  words: { what: string; total: string; fix: string },
  problems: ReceiptProblem[],
): void {
  if (!Array.isArray(ids)) return;
  const unique = new Set<unknown>();
  ids.forEach((id, i) => {
    if (unique.has(id)) {
      problems.push({
        code,
        path: `${path}[${i}]`,
        message: `${path} lists ${show(id)} more than once: list each of the ${words.what} once, in the order first seen.`,
      });
    }
    unique.add(id);
  });
  // Only against a valid total: an invalid one is already reported by the shape check.
  if (Number.isSafeInteger(total) && (total as number) >= 0 && unique.size > (total as number)) {
    problems.push({
      code,
      path,
      message: `${path} lists ${unique.size} ${words.what} but ${words.total} is ${String(total)}: ${words.fix}.`,
    });
  }
}
