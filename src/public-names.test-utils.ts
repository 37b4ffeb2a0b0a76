/**
 * The names an entry exports, values and types alike, read from the export lists of its index
 * file (following `export * from`), without type-checking: fast enough for a unit test. The
 * API report (etc/*.api.md, `npm run api:check`) checks the signatures behind them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Most names an entry may export (values and types together). */
export const MAX_PUBLIC_NAMES = 60;

function resolveModule(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(
    (file) => existsSync(file),
  );
  if (!found) throw new Error(`public-names: cannot resolve "${specifier}" from ${from}`);
  return found;
}

const hasExport = (node: ts.Node) =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Every name `file` exports, sorted; `export *` is followed (relative modules only). */
export function publicNames(file: string): string[] {
  const names = new Set<string>();
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const specifier = statement.moduleSpecifier && (statement.moduleSpecifier as ts.StringLiteral).text;
      if (!statement.exportClause) {
        if (!specifier?.startsWith('.'))
          throw new Error(`public-names: \`export * from '${specifier}'\` in ${file}`);
        for (const name of publicNames(resolveModule(file, specifier))) names.add(name);
      } else if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) names.add(element.name.text);
      } else {
        names.add(statement.exportClause.name.text);
      }
    } else if (hasExport(statement)) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations)
          names.add(declaration.name.getText(source));
      } else if ('name' in statement && statement.name) {
        names.add((statement.name as ts.Identifier).text);
      }
    }
  }
  return [...names].sort();
}
