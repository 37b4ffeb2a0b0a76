// One stylesheet from an entry that @imports its parts: the package ships dist/styles.css as a
// single file (a user's bundler or a <link> then needs no @import resolution), while the source
// keeps one small file per part. Only the form the source uses is supported, so anything else
// fails loudly instead of shipping an @import that points nowhere.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `@import './part.css';` (or "…"), alone on its line: the only form inlined. */
const IMPORT_LINE = /^[ \t]*@import[ \t]+(['"])(\.{1,2}\/[^'"\n]+\.css)\1[ \t]*;[ \t]*(?:\r?\n|$)/gm;

/**
 * The text of a CSS file with each `@import './x.css';` line replaced by that file's text,
 * recursively (paths relative to the importing file).
 * @param {string} entryPath
 * @returns {string}
 */
export function inlineCss(entryPath) {
  return `${inline(path.resolve(entryPath), []).trimEnd()}\n`;
}

/**
 * @param {string} file
 * @param {string[]} chain the files importing this one, outermost first
 * @returns {string}
 */
function inline(file, chain) {
  if (chain.includes(file)) {
    throw new Error(`inline-css: ${[...chain, file].join(' -> ')} imports itself; remove the cycle.`);
  }
  const text = readFileSync(file, 'utf8');
  const result = text.replace(IMPORT_LINE, (_line, _quote, specifier) => {
    const target = path.resolve(path.dirname(file), specifier);
    if (!existsSync(target)) {
      throw new Error(
        `inline-css: ${path.relative(process.cwd(), file)} imports "${specifier}", but ${path.relative(process.cwd(), target)} does not exist. Create the file or remove the @import.`,
      );
    }
    return `${inline(target, [...chain, file]).trimEnd()}\n\n`;
  });
  const left = /^[ \t]*@import\b.*$/m.exec(result.replace(/\/\*[\s\S]*?\*\//g, ''));
  if (left) {
    throw new Error(
      `inline-css: ${path.relative(process.cwd(), file)} has "${left[0].trim()}", which cannot be inlined: write it as @import './part.css'; on a line of its own.`,
    );
  }
  return result;
}
