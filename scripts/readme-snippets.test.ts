// Every TypeScript snippet in the README compiles, as a user would paste it: each ```ts/```tsx
// block is its own module, importing the package by its public names (mapped here to the
// sources), so a renamed prop or export breaks this test before it breaks a reader.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Snippet {
  /** The line of the README where the block's code starts (1-based). */
  line: number;
  /** The file the snippet stands for, from a first-line comment such as `// app/page.tsx`. */
  name: string | null;
  lang: 'ts' | 'tsx';
  code: string;
}

/** The fenced ```ts and ```tsx blocks of a markdown file. */
export function snippetsOf(markdown: string): Snippet[] {
  const out: Snippet[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(tsx?)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    const code = lines.slice(start, end).join('\n');
    const name = /^\/\/ ([\w./[\]-]+\.tsx?)\b/.exec(code)?.[1] ?? null;
    out.push({ line: start + 1, name, lang: open[1] as 'ts' | 'tsx', code });
    i = end;
  }
  return out;
}

function typeErrors(files: { file: string; snippet: Snippet }[]): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    isolatedModules: true,
    resolveJsonModule: true,
    types: ['node'],
    typeRoots: [path.join(root, 'node_modules/@types')],
    baseUrl: root,
    paths: {
      'react-clickwrap': ['src/index.ts'],
      'react-clickwrap/core': ['src/core/index.ts'],
      'react-clickwrap/server': ['src/server/index.ts'],
      'react-clickwrap/server/sqlite': ['src/server/stores/sqlite.ts'],
      'react-clickwrap/server/postgres': ['src/server/stores/postgres.ts'],
      'react-clickwrap/messages': ['src/messages/index.ts'],
      'react-clickwrap/styles.css': ['src/components/styles.css'],
    },
    ignoreDeprecations: '6.0',
  };
  const ambient = [
    path.join(root, 'src/hooks/raw-markdown.d.ts'),
    path.join(root, 'src/components/assets.d.ts'),
  ];
  const program = ts.createProgram([...files.map((f) => f.file), ...ambient], options);
  const bySnippet = new Map(files.map((f) => [path.resolve(f.file), f.snippet]));
  return ts.getPreEmitDiagnostics(program).flatMap((d) => {
    const snippet = d.file && bySnippet.get(path.resolve(d.file.fileName));
    if (!snippet || d.start === undefined) return [];
    const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start);
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    return [`README.md:${snippet.line + line}:${character + 1}: ${message}`];
  });
}

describe('README', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const snippets = snippetsOf(readme);

  it('has TypeScript snippets to check', () => {
    expect(snippets.length).toBeGreaterThan(2);
  });

  it('type-checks every ts/tsx snippet as its own module', () => {
    const dir = path.join(root, '.tmp/readme-snippets');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = snippets.map((snippet, i) => {
      // Named snippets keep their path, so one can import another as the README shows.
      const file = path.join(dir, snippet.name ?? `snippet-${i + 1}.${snippet.lang}`);
      mkdirSync(path.dirname(file), { recursive: true });
      // A snippet with no import or export would be a script sharing one global scope.
      writeFileSync(file, `${snippet.code}\nexport {};\n`);
      return { file, snippet };
    });
    expect(typeErrors(files)).toEqual([]);
  }, 120_000);
});
