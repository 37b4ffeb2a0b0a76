// Every TypeScript snippet in the README and in the Storybook guides (stories/docs/*.mdx)
// compiles, as a user would paste it: each ```ts/```tsx block is its own module, importing the
// package by its public names (mapped here to the sources), so a renamed prop or export breaks
// this test before it breaks a reader. A block is whole code: an elision is a comment inside
// code that compiles (`// …store it…`), and a block that continues another names its file in a
// first-line comment (`// app/signup/terms/page.tsx`) so that the next can import it.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Snippet {
  /** The line of the page where the block's code starts (1-based). */
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

/**
 * The type errors of the snippets, as `page:line:column: message`, `page` being the markdown
 * file (relative to the root) each snippet was taken from.
 */
function typeErrors(files: { file: string; page: string; snippet: Snippet }[]): string[] {
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
  const byFile = new Map(files.map((f) => [path.resolve(f.file), f]));
  return ts.getPreEmitDiagnostics(program).flatMap((d) => {
    const from = d.file && byFile.get(path.resolve(d.file.fileName));
    if (!from || d.start === undefined) return [];
    const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start);
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    return [`${from.page}:${from.snippet.line + line}:${character + 1}: ${message}`];
  });
}

/** The pages whose snippets are checked: the README and every Storybook guide. */
const pages = [
  'README.md',
  ...readdirSync(path.join(root, 'stories/docs'))
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => `stories/docs/${name}`),
];
const snippetsByPage = new Map(
  pages.map((page) => [page, snippetsOf(readFileSync(path.join(root, page), 'utf8'))]),
);

let checked: string[] | undefined;
/**
 * The type errors of every page's snippets. One program for all the pages (type-checking the
 * sources once takes most of the time), each page's snippets in a folder of their own.
 */
function allTypeErrors(): string[] {
  if (checked) return checked;
  const dir = path.join(root, '.tmp/readme-snippets');
  rmSync(dir, { recursive: true, force: true });
  const files = pages.flatMap((page) =>
    snippetsByPage.get(page)!.map((snippet, i) => {
      // Named snippets keep their path, so one can import another as the page shows.
      const file = path.join(dir, page, snippet.name ?? `snippet-${i + 1}.${snippet.lang}`);
      mkdirSync(path.dirname(file), { recursive: true });
      // A snippet with no import or export would be a script sharing one global scope.
      writeFileSync(file, `${snippet.code}\nexport {};\n`);
      return { file, page, snippet };
    }),
  );
  checked = typeErrors(files);
  return checked;
}

const errorsOf = (page: string) => allTypeErrors().filter((error) => error.startsWith(`${page}:`));

/**
 * How many ts/tsx blocks a page shows, in any form: fences (indented, with attributes) and
 * Storybook's `<Source language="tsx" code={…} />`, to compare with the snippets checked.
 */
const tsBlocks = (markdown: string) =>
  markdown
    .split('\n')
    .filter(
      (line) =>
        /^\s*(```|~~~)\s*(ts|tsx|typescript)\b/i.test(line) ||
        /\blanguage=\{?["'](ts|tsx|typescript)["']/i.test(line),
    ).length;

describe('README', () => {
  it('has TypeScript snippets to check', () => {
    expect(snippetsByPage.get('README.md')!.length).toBeGreaterThan(2);
  });
});

describe('the Storybook guides', () => {
  it.each([
    'stories/docs/getting-started.mdx',
    'stories/docs/languages.mdx',
    'stories/docs/receipts.mdx',
    'stories/docs/theming.mdx',
  ])('%s has TypeScript snippets to check', (page) => {
    expect(snippetsByPage.get(page)!.length).toBeGreaterThan(0);
  });
});

describe.each(pages)('%s', (page) => {
  it('shows no ts/tsx block that is not checked, and names each snippet file once', () => {
    // A block fenced otherwise (indented, ~~~, ```tsx title=…) or given to <Source> would be
    // shown but not checked; two blocks named alike would be one file, the first never checked.
    const snippets = snippetsByPage.get(page)!;
    const shown = tsBlocks(readFileSync(path.join(root, page), 'utf8'));
    expect(snippets.length, 'ts/tsx blocks checked, of those shown').toBe(shown);
    const names = snippets.flatMap((snippet) => (snippet.name ? [snippet.name] : []));
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('type-checks every ts/tsx snippet as its own module', () => {
    expect(errorsOf(page)).toEqual([]);
  }, 120_000);
});
