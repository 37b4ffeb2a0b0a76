// The public surface of each package entry, as API Extractor reports of the built declaration
// files (etc/*.api.md, checked in), so that every change to a public name or signature shows in
// review. Needs `npm run build` first (it reads dist/**/*.d.ts).
//
//   node scripts/api-report.mjs          check: fails when a report is out of date (CI mode)
//   node scripts/api-report.mjs --update rewrites the reports (API Extractor's --local mode)
//
// Besides the report, each entry must keep at most MAX_NAMES public names (values and types)
// and every exported name must carry a doc comment.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_NAMES = 60;

/** The entries with a report: built declaration file → report file under etc/. */
export const API_ENTRIES = [
  { entry: 'react-clickwrap', dts: 'dist/index.d.ts', report: 'react-clickwrap.api.md' },
  { entry: 'react-clickwrap/core', dts: 'dist/core/index.d.ts', report: 'core.api.md' },
  {
    entry: 'react-clickwrap/core/presentation',
    dts: 'dist/core/presentation/index.d.ts',
    report: 'core-presentation.api.md',
  },
  { entry: 'react-clickwrap/server', dts: 'dist/server/index.d.ts', report: 'server.api.md' },
];

function configFor({ dts, report }) {
  return {
    projectFolder: ROOT,
    mainEntryPointFilePath: path.join(ROOT, dts),
    bundledPackages: [],
    newlineKind: 'lf',
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          jsx: 'react-jsx',
          strict: true,
          types: ['node'],
          skipLibCheck: true,
        },
        files: [path.join(ROOT, dts)],
      },
      skipLibCheck: true,
    },
    apiReport: {
      enabled: true,
      reportFileName: report,
      reportFolder: path.join(ROOT, 'etc'),
      reportTempFolder: path.join(ROOT, '.tmp', 'api-report'),
      // Shapes of nested fields are internal names on purpose (a small surface), but their
      // members are still public: list them, so that a change to one shows in the report too.
      includeForgottenExports: true,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: 'warning' } },
      extractorMessageReporting: {
        default: { logLevel: 'warning' },
        // Not exporting a nested shape is the design (see src/index.ts), not a mistake.
        'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: false },
        // No release tags (@public/@beta): everything an entry exports is public.
        'ae-missing-release-tag': { logLevel: 'none' },
        // The report marks every item without a doc comment "(undocumented)"; this script fails
        // on exported names without one (members are the files' business: see STYLE.md).
        'ae-undocumented': { logLevel: 'none' },
        // `{@link}` in doc comments points at source names, internal ones included.
        'ae-unresolved-link': { logLevel: 'none', addToApiReportFile: false },
      },
      // The doc comments are written for readers and editors (`@default`, `@selector`), not for
      // TSDoc's grammar; the report marks any exported item that has none as "(undocumented)".
      tsdocMessageReporting: { default: { logLevel: 'none' } },
    },
  };
}

/** The names a report exports and those among them without a doc comment. */
export function exportedNames(reportText) {
  const names = [];
  const undocumented = [];
  const lines = reportText.split('\n');
  lines.forEach((line, index) => {
    const match =
      /^export (?:declare )?(?:abstract )?(?:function|interface|type|const|let|class|enum|namespace) ([A-Za-z_$][\w$]*)/.exec(
        line,
      );
    if (!match) return;
    const name = match[1];
    if (names.includes(name)) return; // overloads
    names.push(name);
    if (/\(undocumented\)/.test(lines[index - 1] ?? '')) undocumented.push(name);
  });
  return { names: names.sort(), undocumented };
}

function main() {
  const update = process.argv.includes('--update');
  let failed = false;
  for (const api of API_ENTRIES) {
    if (!existsSync(path.join(ROOT, api.dts))) {
      console.error(`api-report: ${api.dts} is missing. Run \`npm run build\` first.`);
      process.exit(1);
    }
    const extractorConfig = ExtractorConfig.prepare({
      configObject: configFor(api),
      configObjectFullPath: path.join(ROOT, 'scripts', 'api-report.mjs'),
      packageJsonFullPath: path.join(ROOT, 'package.json'),
    });
    const result = Extractor.invoke(extractorConfig, { localBuild: update, showVerboseMessages: false });
    const reportPath = path.join('etc', api.report);
    if (!result.succeeded) {
      failed = true;
      console.error(
        result.apiReportChanged && !update
          ? `api-report: the public API of ${api.entry} changed and ${reportPath} is out of date. ` +
              'If the change is intended, run `npm run api:update` and commit the report.'
          : `api-report: API Extractor failed for ${api.entry} (${result.errorCount} errors, ${result.warningCount} warnings; see above).`,
      );
      continue;
    }
    const reportFile = update
      ? path.join(ROOT, reportPath)
      : path.join(ROOT, '.tmp', 'api-report', api.report);
    const { names, undocumented } = exportedNames(readFileSync(reportFile, 'utf8'));
    if (names.length > MAX_NAMES) {
      failed = true;
      console.error(`api-report: ${api.entry} exports ${names.length} names; keep at most ${MAX_NAMES}.`);
    }
    if (undocumented.length > 0) {
      failed = true;
      console.error(
        `api-report: give these exports of ${api.entry} a one-line doc comment: ${undocumented.join(', ')}.`,
      );
    }
    console.log(
      `api-report: ${api.entry}: ${names.length} names${update ? `, ${reportPath} written` : ', report up to date'}.`,
    );
  }
  if (failed) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
