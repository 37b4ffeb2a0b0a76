/**
 * `react-clickwrap lint <files…>`: runs `lintAgreement` on agreement files and prints findings
 * the way a compiler does (`file:line:column: severity rule message`), so editors, terminals and
 * CI logs can jump to them. Exit codes: 0 no errors, 1 errors found, 2 the command was misused
 * or a file could not be read.
 */
import { LintError, lintAgreement } from '../core';
import type { LintFinding } from '../core';
import type { CliIo } from './io';

/** What `runLint` needs from its environment, so it can be tested without a terminal or a disk. */
export interface LintIo {
  /** Writes a chunk of normal output (findings, the summary, JSON). */
  stdout: (s: string) => void;
  /** Writes a chunk of diagnostics (usage, unreadable files). */
  stderr: (s: string) => void;
  /** Reads a file as UTF-8 text; rejects with a Node-style error (`code: 'ENOENT'`…) if it cannot. */
  readFile: (path: string) => Promise<string>;
}

/** How the findings are printed. */
type Format = 'text' | 'json' | 'github';

/** The usage text, printed for `--help` and after a usage error. */
export const LINT_USAGE = `Usage: react-clickwrap lint [options] <file.md>...

Checks agreements written in markdown: limiting sentences that are not bold
(unbolded-limiting-clause, error), bold covering only part of a limiting sentence
(partial-bold, warning) and gaps or repeats in clause numbering (numbering-gap, error).
English wording only: a file mostly in another script (Chinese, Arabic, Cyrillic…) is
not linted (exit status 2), as its limiting sentences cannot be found.

Options:
  --json             print the findings as JSON
  --format <name>    text (default), json, or github (GitHub Actions annotations)
  --quiet            print errors only, not warnings
  -h, --help         show this help

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable file.
`;

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function readProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && READ_ERRORS[code]) return `${READ_ERRORS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Parsed command line, or the usage problem that stops the run. */
function parseArgs(
  args: readonly string[],
): { files: string[]; format: Format; quiet: boolean; help: boolean } | string {
  const files: string[] = [];
  let format: Format = 'text';
  let quiet = false;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--json') format = 'json';
    else if (arg === '--quiet') quiet = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json' && value !== 'github') {
        return `--format must be text, json or github; got ${value === undefined ? 'nothing' : `"${value}"`}.`;
      }
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') return `unknown option "${arg}".`;
    else files.push(arg);
  }
  if (!help && files.length === 0)
    return 'no file given: name the agreement(s) to check, e.g. `react-clickwrap lint terms.md`.';
  return { files, format, quiet, help };
}

const SCRIPTS = [
  'Han',
  'Arabic',
  'Cyrillic',
  'Greek',
  'Hebrew',
  'Devanagari',
  'Hangul',
  'Thai',
  'Hiragana',
  'Katakana',
];

/** The script most of a text's letters are in, when that is not Latin; null for a Latin text. */
function mainScript(text: string): string | null {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (letters === 0 || latin >= letters / 2) return null;
  let best = 'another script';
  let most = 0;
  for (const name of SCRIPTS) {
    const n = text.match(new RegExp(`\\p{Script=${name}}`, 'gu'))?.length ?? 0;
    if (n > most) [best, most] = [name, n];
  }
  return best;
}

/** GitHub Actions escapes for workflow-command values. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Runs `react-clickwrap lint` with the arguments after `lint` and returns the exit code:
 * 0 when no file has errors, 1 when one has, 2 for a usage error or a file that cannot be read.
 */
export async function runLint(args: string[], io: LintIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`react-clickwrap lint: ${parsed}\n\n${LINT_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  const results: { file: string; findings: LintFinding[] }[] = [];
  let unreadable = 0;
  for (const file of parsed.files) {
    let markdown: string;
    try {
      markdown = await io.readFile(file);
    } catch (error) {
      io.stderr(`react-clickwrap lint: cannot read "${file}": ${readProblem(error)}.\n`);
      unreadable++;
      continue;
    }
    const script = mainScript(markdown);
    if (script !== null) {
      // Its limiting sentences cannot be found with English phrases: "No problems" would be false.
      io.stderr(
        `react-clickwrap lint: cannot lint "${file}": most of its letters are not Latin (${script}), and lint knows ` +
          'only English limiting phrases, so it would find nothing. Check that its limiting clauses are bold by hand, ' +
          'or call lintAgreement(markdown, { language, phrases }) with the phrases of its language.\n',
      );
      unreadable++;
      continue;
    }
    try {
      const findings = lintAgreement(markdown);
      results.push({
        file,
        findings: parsed.quiet ? findings.filter((f) => f.severity === 'error') : findings,
      });
    } catch (error) {
      if (!(error instanceof LintError)) throw error;
      io.stderr(`react-clickwrap lint: cannot lint "${file}": ${error.message}\n`);
      unreadable++;
    }
  }
  const all = results.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.length - errors;

  if (parsed.format === 'json') {
    io.stdout(`${JSON.stringify({ files: results, errors, warnings, unreadable }, null, 2)}\n`);
  } else {
    for (const { file, findings } of results) {
      for (const f of findings) {
        io.stdout(
          parsed.format === 'github'
            ? `::${f.severity} file=${escapeProperty(file)},line=${f.line},col=${f.column},title=${f.rule}::${escapeData(f.message)}\n`
            : `${file}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.message}\n`,
        );
      }
    }
    const checked = plural(results.length, 'file');
    io.stdout(
      all.length === 0
        ? `No problems in ${checked}.\n`
        : `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${checked}.\n`,
    );
  }
  if (unreadable > 0) return 2;
  return errors > 0 ? 1 : 0;
}

/** The one-line synopsis for the CLI's overall usage text. */
export const LINT_USAGE_LINE =
  'react-clickwrap lint <file.md>... [--json | --format text|json|github] [--quiet]';

/** `runLint` on the dispatcher's line-oriented io (each chunk runLint writes ends a line). */
export function lintCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const lines = (write: (line: string) => void) => (chunk: string) => write(chunk.replace(/\n$/, ''));
  return runLint([...argv], {
    stdout: lines((line) => io.out(line)),
    stderr: lines((line) => io.err(line)),
    readFile: (path) => io.read(path),
  });
}
