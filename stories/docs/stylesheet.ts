/**
 * What styles.css declares and selects on, read from its text (bundled at build time), and the
 * state attributes the components expose: the data behind the Theming guide. Kept apart from the
 * docs blocks so a story can check it without loading Storybook's docs UI.
 */
import { stylesheetText as stylesheet } from '../../src/components/styles-text';

export { stylesheet };

/** One `--rcw-…: value;` declaration in styles.css. */
export interface TokenDeclaration {
  name: string;
  value: string;
  /** The rule's selector, e.g. `.rcw-root` or `.rcw-root[data-theme='dark']`. */
  selector: string;
  /** Enclosing at-rules, e.g. `@media (prefers-color-scheme: dark)`. */
  atRules: string[];
}

/** Every custom property declaration in a stylesheet, in order (comments removed). */
export function parseTokenDeclarations(css: string): TokenDeclaration[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const stack: string[] = [];
  const found: TokenDeclaration[] = [];
  let buffer = '';
  for (const char of text) {
    if (char === '{') {
      stack.push(buffer.trim().replace(/\s+/g, ' '));
      buffer = '';
    } else if (char === '}') {
      stack.pop();
      buffer = '';
    } else if (char === ';') {
      const match = /^\s*(--rcw-[\w-]+)\s*:\s*([\s\S]+)$/.exec(buffer);
      const selector = stack.at(-1);
      if (match?.[1] && match[2] && selector) {
        found.push({
          name: match[1],
          value: match[2].trim().replace(/\s+/g, ' '),
          selector,
          atRules: stack.slice(0, -1),
        });
      }
      buffer = '';
    } else {
      buffer += char;
    }
  }
  return found;
}

/** Custom properties the stylesheet reads but never declares (the components set them). */
export function tokensReadOnly(css: string): string[] {
  const declared = new Set(parseTokenDeclarations(css).map((d) => d.name));
  const read = new Set(Array.from(css.matchAll(/var\((--rcw-[\w-]+)/g), (m) => m[1] ?? ''));
  return [...read].filter((name) => name && !declared.has(name)).sort();
}

/** A documented `data-*` attribute (or a state attribute such as `aria-disabled`). */
export interface DataAttribute {
  attribute: string;
  on: string;
  values: string;
  meaning: string;
}

/** The state the components expose as attributes, for your CSS (see src/components/README.md). */
export const DATA_ATTRIBUTES: readonly DataAttribute[] = [
  {
    attribute: 'data-state',
    on: 'root (.rcw-root)',
    values: 'idle | submitting | accepted | failed',
    meaning: 'Where the delivery of the receipt stands.',
  },
  {
    attribute: 'data-reached-end',
    on: 'root, agreement, progress',
    values: 'present or absent',
    meaning: 'The end of the agreement has been reached (it stays reached).',
  },
  {
    attribute: 'data-can-accept',
    on: 'root',
    values: 'present or absent',
    meaning: 'Every requirement holds: Accept would send the receipt.',
  },
  {
    attribute: 'data-minor',
    on: 'root, guardian form',
    values: 'present or absent',
    meaning: 'The signer is a minor under the rule: a guardian co-signs.',
  },
  {
    attribute: 'data-declined',
    on: 'root, status',
    values: 'present or absent',
    meaning: 'The person declined (until they try to accept again).',
  },
  {
    attribute: 'data-decided',
    on: 'decision buttons (.rcw-buttons)',
    values: 'present or absent',
    meaning:
      'The person accepted or declined: on a phone the modal then puts Done beside the copies and hides the complete progress bar.',
  },
  {
    attribute: 'data-theme',
    on: 'root',
    values: 'light | dark | system',
    meaning: 'The colour theme (system follows prefers-color-scheme).',
  },
  {
    attribute: 'dir, lang',
    on: 'root',
    values: 'ltr | rtl; a BCP 47 tag',
    meaning: "The UI's direction and language (the agreement keeps its own).",
  },
  {
    attribute: 'data-progress',
    on: 'agreement (scroll area)',
    values: '0–100',
    meaning: 'How far the agreement has been scrolled.',
  },
  { attribute: 'data-value', on: 'progress', values: '0–100', meaning: 'The same, on the reading progress.' },
  {
    attribute: 'data-key-clause',
    on: 'each bold clause in the agreement',
    values: 'the clause id',
    meaning: 'A key clause: highlighted and observed.',
  },
  {
    attribute: 'data-seen',
    on: 'key clause, summary item',
    values: 'present or absent',
    meaning: 'The clause has been on screen.',
  },
  {
    attribute: 'data-part-start',
    on: 'each part of an agreement longer than a few screens (.rcw-agreement-part)',
    values: 'heading | text',
    meaning: 'Whether the part opens with a heading (parts start at sections; styled to keep its spacing).',
  },
  {
    attribute: 'data-pending',
    on: 'part of an agreement longer than a few screens',
    values: 'present or absent',
    meaning: 'The part holds its estimated height and is mounted just after the first render.',
  },
  {
    attribute: 'data-skip-offscreen',
    on: 'each part of a long agreement (twice the default one or more)',
    values: 'present or absent',
    meaning: 'The part is laid out only near the screen (content-visibility: auto), all but the last.',
  },
  {
    attribute: 'data-complete',
    on: 'summary, acknowledgements',
    values: 'present or absent',
    meaning: 'Every clause seen; every acknowledgement ticked.',
  },
  {
    attribute: 'data-state',
    on: 'checkboxes',
    values: 'checked | unchecked',
    meaning: 'Whether the box is ticked (never pre-ticked).',
  },
  {
    attribute: 'data-invalid',
    on: 'inputs, checkboxes, errors',
    values: 'present or absent',
    meaning: 'The field has an error to show.',
  },
  {
    attribute: 'data-attempted',
    on: 'missing reasons',
    values: 'present or absent',
    meaning: 'Accept was pressed while something was missing.',
  },
  {
    attribute: 'data-state',
    on: 'missing reasons',
    values: 'complete | incomplete',
    meaning: 'Whether anything is still missing.',
  },
  {
    attribute: 'data-variant',
    on: 'buttons',
    values: 'primary | secondary',
    meaning: 'Accept is primary, Decline secondary (the same size).',
  },
  {
    attribute: 'data-state',
    on: 'Accept, status',
    values: 'idle | submitting | accepted | failed',
    meaning: 'The delivery status, on the button and the status region.',
  },
  {
    attribute: 'data-retry',
    on: 'Accept',
    values: 'present or absent',
    meaning: 'After a failed delivery: Accept reads Retry and sends the same receipt.',
  },
  {
    attribute: 'aria-disabled',
    on: 'Accept, Decline',
    values: 'true or absent',
    meaning: 'Not available now; the button stays focusable and says why.',
  },
  {
    attribute: 'data-verification',
    on: 'guardian form',
    values: 'idle | verifying | verified | failed',
    meaning: "Where the app's guardian verification stands.",
  },
  {
    attribute: 'data-state',
    on: 'modal content',
    values: 'open | closed',
    meaning: "The dialog's state (Radix).",
  },
  {
    attribute: 'data-documents',
    on: 'modal content',
    values: 'how many documents',
    meaning: 'Several documents: the main column scrolls, each document in its own region.',
  },
  {
    attribute: 'data-replacing',
    on: 'modal content and overlay',
    values: 'present or absent',
    meaning:
      'Opened before the modal had loaded, the loaded dialog replaces the waiting one: it is open already, so no opening animation.',
  },
  {
    attribute: 'data-key-clause-label',
    on: 'key clause in the agreement',
    values: 'text',
    meaning: 'Its small visible tag ("Limits your rights"), shown by styles.css with attr().',
  },
  {
    attribute: 'data-state',
    on: '"Download copies"',
    values: 'open | closed',
    meaning: 'Whether the downloads and Print are shown (several documents).',
  },
  // Re-consent and the copy of the agreement (see src/components/reconsent.tsx, copy-actions.tsx).
  {
    attribute: 'data-reading',
    on: 're-consent notice, "What changed"',
    values: 'whole | changes',
    meaning: 'In re-consent, whether the whole agreement or only the changes must be read.',
  },
  {
    attribute: 'data-change',
    on: 'changed passage, "What changed" item',
    values: 'added | changed | removed',
    meaning: 'What kind of change a passage or an entry is.',
  },
  {
    attribute: 'data-change-seen',
    on: 'changed passage in the agreement',
    values: 'present or absent',
    meaning: 'The changed passage has been on screen.',
  },
  {
    attribute: 'data-change-label',
    on: 'changed passage in the agreement',
    values: 'text',
    meaning: 'Its visible label ("Added", "Changed"), shown by styles.css with attr().',
  },
  {
    attribute: 'data-static',
    on: '"What changed" entry',
    values: 'present or absent',
    meaning: 'An entry with nothing to jump to (a passage removed with its whole section).',
  },
  {
    attribute: 'data-printing',
    on: 'root',
    values: 'present or absent',
    meaning: 'While printing from "Print": only this clickwrap is printed.',
  },
  // ConsentSettings ("Your consents", src/components/consent-settings.tsx).
  {
    attribute: 'data-accepted',
    on: 'ConsentSettings document',
    values: 'present or absent',
    meaning: 'The person has accepted this document.',
  },
  {
    attribute: 'data-needs-reconsent',
    on: 'ConsentSettings document',
    values: 'present or absent',
    meaning: 'A newer version needs their consent.',
  },
  {
    attribute: 'data-withdrawn',
    on: 'ConsentSettings document',
    values: 'present or absent',
    meaning: 'Consent to it was withdrawn.',
  },
  {
    attribute: 'data-granted',
    on: 'ConsentSettings optional consent',
    values: 'present or absent',
    meaning: 'The optional consent is given.',
  },
  {
    attribute: 'data-section-start',
    on: 'key-clause summary item',
    values: 'present or absent',
    meaning: "The first clause of a section: it carries the section's name and count.",
  },
  {
    attribute: 'data-print-only',
    on: 'receipt summary',
    values: 'present or absent',
    meaning: 'Hidden on screen, shown in print.',
  },
];

/** `data-*` attributes styles.css selects on that the table above does not document. */
export function undocumentedDataAttributes(css: string = stylesheet): string[] {
  const used = new Set(Array.from(css.matchAll(/\[(data-[\w-]+)/g), (m) => m[1] ?? ''));
  const documented = new Set(DATA_ATTRIBUTES.flatMap((d) => d.attribute.split(/,\s*/)));
  return [...used].filter((name) => !documented.has(name)).sort();
}

/** A token's value in each theme: `light-dark(a, b)` split, anything else the same in both. */
export function themeValues(value: string): { light: string; dark: string } {
  const pair = /^light-dark\(\s*((?:[^,()]|\([^()]*\))+?)\s*,\s*((?:[^,()]|\([^()]*\))+?)\s*\)$/.exec(value);
  return pair ? { light: pair[1]!, dark: pair[2]! } : { light: value, dark: value };
}

/** The parts (`rcw-` classes) whose rules read a token, from styles.css. */
export function usedBy(name: string, css: string = stylesheet): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const parts = new Set<string>();
  for (const rule of text.split('}')) {
    const open = rule.lastIndexOf('{');
    if (open < 0 || !rule.slice(open).includes(`var(${name})`)) continue;
    for (const m of rule.slice(0, open).matchAll(/\.rcw-([\w-]+)/g)) {
      if (m[1] !== 'root') parts.add(m[1]!);
    }
  }
  return [...parts].sort();
}

/** WCAG 2.2 contrast of two opaque #rrggbb colours, or undefined for anything else. */
export function contrastRatio(a: string, b: string): number | undefined {
  const lum = (hex: string) => {
    if (!/^#[0-9a-f]{6}$/i.test(hex)) return undefined;
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [la, lb] = [lum(a), lum(b)];
  if (la === undefined || lb === undefined) return undefined;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
