/** Guardian rules: which threshold applies, and whether a guardian must take part. */
import type { BirthDateInput } from './calendar';
import { ageBracketOf, ageOn } from './compute';
import type { Age } from './compute';
import { AgeError, MAX_AGE_YEARS, describeValue } from './errors';
import { COUNTRY_NAMES, GDPR_DIGITAL_CONSENT_AGE } from './gdpr-table';

/**
 * Which age threshold applies, named by where it comes from so receipts can say why a guardian was asked for.
 *
 * `agreement`: the agreement's own rule, under 18. `coppa`: US COPPA, under 13. `gdpr`: GDPR Art. 8
 * age of digital consent for `country` (ISO 3166-1 alpha-2, case-insensitive; `EL` = Greece).
 * `custom`: any other whole-number threshold (1-150); `label` names it in `reason` as the subject of a
 * sentence, e.g. 'the club agreement' ("Under 21: the club agreement requires a legal guardian…").
 */
export type GuardianRule =
  | { kind: 'agreement' }
  | { kind: 'coppa' }
  | { kind: 'gdpr'; country: string }
  | { kind: 'custom'; minimumAge: number; label?: string };

/** Everything a consent receipt needs to justify asking (or not asking) for a guardian, without the birth date. */
export interface GuardianDecision {
  /** True when the person is younger than `minimumAge`. */
  required: boolean;
  minimumAge: number;
  age: Age;
  rule: GuardianRule;
  /** See {@link ageBracketOf}. */
  ageBracket: string;
  /** One sentence for the person, saying which rule applied and what it means for them. */
  reason: string;
}

function resolveGdprCountry(country: unknown): string {
  const known = Object.keys(GDPR_DIGITAL_CONSENT_AGE).join(', ');
  const fix = `Pass an ISO 3166-1 alpha-2 code of an EU or EEA state (${known}; EL is accepted for Greece), or, for another country, a rule { kind: 'custom', minimumAge, label }.`;
  if (typeof country !== 'string' || !/^[A-Za-z]{2}$/.test(country)) {
    throw new AgeError(
      'unknown-country',
      `GDPR country ${describeValue(country)} is not a two-letter country code. ${fix}`,
    );
  }
  const upper = country.toUpperCase();
  const code = upper === 'EL' ? 'GR' : upper;
  if (!Object.hasOwn(GDPR_DIGITAL_CONSENT_AGE, code)) {
    throw new AgeError(
      'unknown-country',
      `GDPR country "${country}" has no known age of digital consent: it is not an EU or EEA state in this table. ${fix}`,
    );
  }
  return code;
}

function invalidRule(rule: unknown, why: string): AgeError {
  return new AgeError(
    'invalid-rule',
    `Guardian rule ${describeValue(rule)} is invalid: ${why}. Pass { kind: 'agreement' }, { kind: 'coppa' }, { kind: 'gdpr', country: 'DE' } or { kind: 'custom', minimumAge: 16, label: 'the club agreement' }.`,
  );
}

// Its documentation is on the public name, in src/core/public/age.ts.
export function minimumAgeFor(rule: GuardianRule): number {
  if (typeof rule !== 'object' || rule === null) throw invalidRule(rule, 'it is not an object');
  const kind: unknown = rule.kind;
  switch (kind) {
    case 'agreement':
      return 18;
    case 'coppa':
      return 13;
    case 'gdpr': {
      const code = resolveGdprCountry((rule as { country?: unknown }).country);
      return GDPR_DIGITAL_CONSENT_AGE[code] as number;
    }
    case 'custom': {
      const { minimumAge, label } = rule as { minimumAge?: unknown; label?: unknown };
      if (
        typeof minimumAge !== 'number' ||
        !Number.isInteger(minimumAge) ||
        minimumAge < 1 ||
        minimumAge > MAX_AGE_YEARS
      ) {
        throw invalidRule(rule, `minimumAge must be a whole number from 1 to ${MAX_AGE_YEARS}`);
      }
      if (label !== undefined && (typeof label !== 'string' || label.trim() === '')) {
        throw invalidRule(rule, 'label, when given, must be a non-empty string');
      }
      return minimumAge;
    }
    default:
      throw invalidRule(rule, `kind must be 'agreement', 'coppa', 'gdpr' or 'custom'`);
  }
}

function reasonFor(rule: GuardianRule, minimumAge: number, required: boolean): string {
  const side = required ? `Under ${minimumAge}` : `${minimumAge} or older`;
  switch (rule.kind) {
    case 'agreement':
      return required
        ? `${side}: the agreement requires a legal guardian to read it with you.`
        : `${side}: the agreement does not require a legal guardian.`;
    case 'coppa':
      return required
        ? `${side}: under COPPA, a parent or legal guardian must give consent for you.`
        : `${side}: COPPA does not require a parent or legal guardian to give consent for you.`;
    case 'gdpr': {
      const code = resolveGdprCountry(rule.country);
      const where = `${side} in ${COUNTRY_NAMES[code] ?? code} (${code})`;
      return required
        ? `${where}: under GDPR Article 8, a parent or legal guardian must give or approve consent for you.`
        : `${where}: under GDPR Article 8, you can give consent yourself.`;
    }
    case 'custom': {
      const name = rule.label ?? 'this rule';
      return required
        ? `${side}: ${name} requires a legal guardian to read it with you.`
        : `${side}: ${name} does not require a legal guardian.`;
    }
  }
}

// Its documentation is on the public name, in src/core/public/age.ts.
export function requiresGuardian(
  birthDate: BirthDateInput,
  rule: GuardianRule,
  today: BirthDateInput,
): GuardianDecision {
  const minimumAge = minimumAgeFor(rule);
  const age = ageOn(birthDate, today);
  const required = age.years < minimumAge;
  return {
    required,
    minimumAge,
    age,
    rule: { ...rule },
    ageBracket: ageBracketOf(age),
    reason: reasonFor(rule, minimumAge, required),
  };
}
