// The default theme's text as published (dist/styles.css): the entry's @import lines replaced by
// the parts, in the entry's order. For code that reads the stylesheet in the browser or Storybook
// (Vite's `?raw` gives a file's own text and does not follow @import); Node code uses
// scripts/inline-css.mjs. Not part of the package: no public entry reaches this module.
import entry from './styles.css?raw';
import actions from './styles/actions.css?raw';
import agreement from './styles/agreement.css?raw';
import base from './styles/base.css?raw';
import changes from './styles/changes.css?raw';
import consentSettings from './styles/consent-settings.css?raw';
import documents from './styles/documents.css?raw';
import forms from './styles/forms.css?raw';
import modal from './styles/modal.css?raw';
import motion from './styles/motion.css?raw';
import notice from './styles/notice.css?raw';
import optionalConsents from './styles/optional-consents.css?raw';
import page from './styles/page.css?raw';
import print from './styles/print.css?raw';
import progress from './styles/progress.css?raw';
import summary from './styles/summary.css?raw';
import toc from './styles/toc.css?raw';
import tokens from './styles/tokens.css?raw';

const PARTS: Record<string, string> = {
  'actions.css': actions,
  'agreement.css': agreement,
  'base.css': base,
  'changes.css': changes,
  'consent-settings.css': consentSettings,
  'documents.css': documents,
  'forms.css': forms,
  'modal.css': modal,
  'motion.css': motion,
  'notice.css': notice,
  'optional-consents.css': optionalConsents,
  'page.css': page,
  'print.css': print,
  'progress.css': progress,
  'summary.css': summary,
  'toc.css': toc,
  'tokens.css': tokens,
};

/** styles.css with its parts inlined, in import order: the same text as dist/styles.css. */
export const stylesheetText = `${entry
  .replace(
    /^[ \t]*@import[ \t]+(['"])\.\/styles\/([\w-]+\.css)\1[ \t]*;[ \t]*(?:\r?\n|$)/gm,
    (_line, _quote, file: string) => {
      const part = PARTS[file];
      if (part === undefined) {
        throw new Error(
          `styles.css imports ./styles/${file}, which src/components/styles-text.ts does not import: add it there.`,
        );
      }
      return `${part.trimEnd()}\n\n`;
    },
  )
  .trimEnd()}\n`;

if (/^[ \t]*@import\b/m.test(stylesheetText.replace(/\/\*[\s\S]*?\*\//g, ''))) {
  throw new Error(
    "styles.css has an @import that src/components/styles-text.ts cannot inline: use @import './styles/part.css'; on a line of its own.",
  );
}
