/**
 * `lintAgreement`: an authoring check for agreements written in markdown. It finds limiting
 * sentences that are not bold, bold that covers only part of a limiting sentence, and gaps or
 * repeats in clause numbering, each with a line and column in the source.
 */
import { analyseSentences } from './analyse';
import { LintError } from './errors';
import { ENGLISH_PHRASES, compilePhrase } from './phrases';
import type { CompiledPhrase } from './phrases';
import { checkBold } from './rules/bold';
import { checkNumbering } from './rules/numbering';
import { MAX_LINT_LENGTH, readSource } from './source';
import type { LimitingPhrase, LintFinding, LintOptions, LintRuleId } from './types';

export { LintError } from './errors';
export type { LintErrorCode } from './errors';
export type { LimitingPhrase, LintFinding, LintOptions, LintRuleId, LintSeverity } from './types';

const RULES: readonly LintRuleId[] = ['unbolded-limiting-clause', 'partial-bold', 'numbering-gap'];

/** The phrase set the options ask for, compiled. Throws a LintError for a bad option. */
export function resolvePhrases(options: LintOptions = {}): CompiledPhrase[] {
  const { language = 'en', phrases, addPhrases = [], removePhrases = [] } = options;
  if (typeof language !== 'string' || language.trim() === '') {
    throw new LintError('invalid-options', 'lintAgreement: `language` must be a BCP 47 tag such as "en".');
  }
  const english = /^en(?:-|$)/i.test(language);
  if (!english && phrases === undefined) {
    throw new LintError(
      'unsupported-language',
      `lintAgreement: only English has built-in limiting phrases; for "${language}" pass your own ` +
        'in `phrases` (strings such as "not liable" or RegExps).',
    );
  }
  for (const [name, list] of [
    ['phrases', phrases ?? []],
    ['addPhrases', addPhrases],
    ['removePhrases', removePhrases],
  ] as const) {
    if (!Array.isArray(list)) {
      throw new LintError('invalid-options', `lintAgreement: \`${name}\` must be an array.`);
    }
  }
  const base: readonly (LimitingPhrase | string)[] = phrases ?? ENGLISH_PHRASES;
  const removed = new Set(removePhrases);
  const compiled: CompiledPhrase[] = [];
  for (const phrase of [...base, ...addPhrases]) {
    try {
      const c = compilePhrase(phrase);
      if (!removed.has(c.id)) compiled.push(c);
    } catch (error) {
      throw new LintError('invalid-options', (error as Error).message);
    }
  }
  return compiled;
}

/**
 * Lints an agreement's markdown and returns its findings in source order (an empty array when
 * there is nothing to fix). Throws a `LintError` only for input that is not markdown text or for
 * bad options. English is the default and the only built-in language.
 */
export function lintAgreement(markdown: string, options: LintOptions = {}): LintFinding[] {
  if (typeof markdown !== 'string') {
    throw new LintError(
      'invalid-markdown',
      `lintAgreement: pass the agreement's markdown as a string; got ${typeof markdown}.`,
    );
  }
  const { maxLength = MAX_LINT_LENGTH } = options;
  if (!Number.isSafeInteger(maxLength) || maxLength < 0) {
    throw new LintError(
      'invalid-options',
      'lintAgreement: `maxLength` must be a whole number of characters.',
    );
  }
  if (markdown.length > maxLength) {
    throw new LintError(
      'too-long',
      `lintAgreement: the markdown is ${markdown.length} characters long and at most ${maxLength} ` +
        'are linted: check that this is the agreement, or raise `maxLength`.',
    );
  }
  const rules = options.rules ?? {};
  for (const key of Object.keys(rules)) {
    if (!RULES.includes(key as LintRuleId)) {
      throw new LintError(
        'invalid-options',
        `lintAgreement: unknown rule "${key}" in \`rules\`; the rules are ${RULES.join(', ')}.`,
      );
    }
  }
  const on = (rule: LintRuleId) => rules[rule] !== false;
  const phrases = resolvePhrases(options);
  const source = readSource(markdown);
  const findings: LintFinding[] = [];
  if (on('unbolded-limiting-clause') || on('partial-bold')) {
    findings.push(
      ...checkBold(analyseSentences(source, phrases), {
        unbolded: on('unbolded-limiting-clause'),
        partial: on('partial-bold'),
      }),
    );
  }
  if (on('numbering-gap')) findings.push(...checkNumbering(source));
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}
