// Pure helpers: how names are compared and recorded, and the receipt's guardian and minor parts.
import type { GuardianDecision, GuardianRule } from '../../core/age';
import { guardianRuleName } from '../../core/receipt/rule-name';
import type { ReceiptGuardian, ReceiptMinor } from '../../core/types';
import type { GuardianMode, GuardianValues, GuardianVerification } from './types';

/** Trims, collapses inner whitespace and applies NFC: how names are compared and recorded. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Whether two names are the same person's name, ignoring case, accents' encoding and spacing. */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => normalizeName(s).toLowerCase();
  return fold(a) !== '' && fold(a) === fold(b);
}

/** What the receipt's guardian and minor parts are made from. */
export interface GuardianReceiptInput {
  /** Whether a guardian must co-sign. */
  required: boolean;
  /** The age decision (null until known). */
  decision: GuardianDecision | null;
  /** The guardian's answers. */
  guardian: GuardianValues;
  /** The statement the guardian attested to. */
  attestation: string;
  /** `joint` or `guardian-only`. */
  mode: GuardianMode;
  /** Where the app's verification stands. */
  verification: GuardianVerification;
  /** The rule that decided. */
  rule: GuardianRule;
}

/** The guardian and minor parts of a consent receipt (both null when no guardian is needed). */
export function guardianReceiptParts(input: GuardianReceiptInput): {
  guardian: ReceiptGuardian | null;
  minor: ReceiptMinor | null;
} {
  if (!input.required || !input.decision) return { guardian: null, minor: null };
  const v = input.verification;
  return {
    guardian: {
      name: normalizeName(input.guardian.name),
      relationship: normalizeName(input.guardian.relationship),
      attestation: input.attestation,
      mode: input.mode,
      verification: v.status === 'verified' ? (v.reference ?? v.message ?? 'verified') : null,
    },
    minor: {
      ageBracket: input.decision.ageBracket,
      rule: guardianRuleName(input.rule),
      minimumAge: input.decision.minimumAge,
    },
  };
}
