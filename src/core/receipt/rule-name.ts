/**
 * `guardianRuleName` on its own (re-exported by ./policy.ts): the hooks name the rule at render,
 * and importing it from ./policy.ts would bring the policy checks' helpers into their first load.
 */
import type { GuardianRule } from '../age';

/** The name a receipt records for a guardian rule (`minor.rule`, `age.rule`), e.g. `"gdpr:FR"`. */
export function guardianRuleName(rule: GuardianRule): string {
  switch (rule.kind) {
    case 'gdpr': {
      // Greece is GR in ISO 3166-1 and EL in the EU's own codes: one name for one rule.
      const code = rule.country.toUpperCase();
      return `gdpr:${code === 'EL' ? 'GR' : code}`;
    }
    case 'custom':
      return rule.label ? `custom:${rule.label}` : 'custom';
    default:
      return rule.kind;
  }
}

/**
 * The built-in rule a recorded name stands for (`agreement`, `coppa`, `gdpr:XX`), or undefined
 * for a name of the app's own (`custom…`, or anything else). The inverse of `guardianRuleName`.
 */
export function builtInRuleOf(name: unknown): GuardianRule | undefined {
  if (name === 'agreement' || name === 'coppa') return { kind: name };
  if (typeof name === 'string' && name.startsWith('gdpr:')) return { kind: 'gdpr', country: name.slice(5) };
  return undefined;
}
