/**
 * `parseAgreement`: checks the input, canonicalises the text, checks it against the limits in
 * one linear scan, then parses and walks it once for its sections and key clauses, keeping the
 * tree for the view (which renders it instead of parsing the text again).
 */
import { CANONICALIZATION_VERSION, canonicalizeAgreement } from '../canonical';
import type { Agreement, AgreementInput } from '../types';
import { keyClauses } from './clauses';
import { AgreementError, got, type AgreementErrorCode } from './errors';
import { resolveLimits, type AgreementLimits } from './limits';
import { scanAgreement } from './scan';
import { attachSummaries } from './summaries';
import { splitSummaries } from './summaries-split';
import { defaultTagClause } from './tags';
import { parseMarkdown } from './chunks';
import { rememberTree } from './remembered';
import { walk } from './tree';
import { LANGUAGE_NOT_GIVEN } from './language';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

function requireString(
  value: unknown,
  name: 'id' | 'version',
  code: AgreementErrorCode,
  example: string,
): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AgreementError(
      code,
      `parseAgreement: \`${name}\` must be a non-empty string, e.g. ${example}; got ${got(value)}.`,
    );
  }
  return value;
}

// Its documentation is on the public name, in ./index.ts.
export function parseAgreementText(
  input: AgreementInput & {
    /** Overrides of the default {@link AgreementLimits}, e.g. `{ maxBytes: 2_097_152 }`. */
    readonly limits?: Partial<AgreementLimits>;
  },
): Agreement {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AgreementError(
      'invalid-input',
      `parseAgreement expects an object { id, version, markdown }, got ${got(input)}.`,
    );
  }
  const id = requireString(input.id, 'id', 'invalid-id', '"instadesk-terms"');
  const version = requireString(input.version, 'version', 'invalid-version', '"2024-05-01" or "3"');
  if (typeof input.markdown !== 'string') {
    throw new AgreementError(
      'invalid-markdown',
      "parseAgreement: `markdown` must be the agreement's text as a string; " +
        `got ${got(input.markdown)} for agreement "${id}" version "${version}".`,
    );
  }
  const { title, language = 'en', effectiveDate, tagClause = defaultTagClause } = input;
  if (title !== undefined && typeof title !== 'string') {
    throw new AgreementError(
      'invalid-title',
      'parseAgreement: `title` must be a string, or left out to use the first level-1 heading; ' +
        `got ${got(title)}.`,
    );
  }
  if (typeof language !== 'string' || language.trim() === '') {
    throw new AgreementError(
      'invalid-language',
      'parseAgreement: `language` must be a BCP 47 tag such as "en" or "fr-CA", or left out; ' +
        `got ${got(language)}.`,
    );
  }
  if (effectiveDate !== undefined && (typeof effectiveDate !== 'string' || !isCalendarDate(effectiveDate))) {
    throw new AgreementError(
      'invalid-effective-date',
      'parseAgreement: `effectiveDate` must be a calendar date written YYYY-MM-DD, ' +
        `e.g. "2024-05-01"; got ${got(effectiveDate)}.`,
    );
  }
  if (typeof tagClause !== 'function') {
    throw new AgreementError(
      'invalid-tag-clause',
      'parseAgreement: `tagClause` must be a function (clause) => tags, ' +
        `or left out for the English default; got ${got(tagClause)}.`,
    );
  }

  const limits = resolveLimits(input.limits);
  const subject = `The agreement "${id}" version "${version}"`;
  // A text this long is refused before canonicalising it (which can only shorten it by the
  // carriage returns and trailing spaces it removes).
  if (input.markdown.length > limits.maxBytes * 4)
    scanAgreement(input.markdown, limits, { subject, lineOffset: 0 });
  const whole = canonicalizeAgreement(input.markdown);
  if (whole === '') {
    throw new AgreementError(
      'empty-agreement',
      `${subject} is empty: pass its markdown text in \`markdown\`.`,
    );
  }
  const context = { subject, lineOffset: leadingBlankLines(input.markdown) };
  scanAgreement(whole, limits, context);
  // The summaries section is cut off first: the agreement shown and hashed is the body alone.
  const split = splitSummaries(whole);
  const markdown = split.body;
  if (markdown === '') {
    throw new AgreementError(
      'empty-agreement',
      `${subject} has only plain-language summaries: put the agreement's text before its ` +
        '"Plain-language summaries" heading.',
    );
  }

  const root = parseMarkdown(markdown);
  const tree = walk(markdown, context, root);
  const heading = tree.sections.find((section) => section.depth === 1 && section.title !== '');
  const agreement: Agreement = {
    id,
    version,
    title: title?.trim() || heading?.title || id,
    language,
    effectiveDate: effectiveDate ?? null,
    markdown,
    canonicalization: CANONICALIZATION_VERSION,
    sections: tree.sections,
    keyClauses: attachSummaries(keyClauses(tree, tagClause), split, context),
  };
  if (input.language === undefined) Object.defineProperty(agreement, LANGUAGE_NOT_GIVEN, { value: true });
  // The view renders this very tree: the markdown is parsed once.
  rememberTree(agreement, root);
  return agreement;
}

/** Lines canonicalisation removes from the start (blank ones), so errors name lines as written. */
function leadingBlankLines(text: string): number {
  let lines = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      lines++;
      lineStart = i + 1;
    } else if (code !== 32 && code !== 9 && code !== 0xfeff) {
      break;
    }
  }
  return lineStart === 0 ? 0 : lines;
}
