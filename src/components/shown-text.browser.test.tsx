'use client';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import privacyPolicy from '../../agreements/example-privacy-policy.md?raw';
import terms2023 from '../../examples/signup/agreements/instadesk-terms/2023-01-01.md?raw';
import terms2025 from '../../examples/signup/agreements/instadesk-terms/2025-06-01.md?raw';
import privacy2024 from '../../examples/signup/agreements/privacy-policy/2024-01-01.md?raw';
import { parseAgreement } from '../core/agreement';
import { withFiveChanges } from '../core/diff.fixtures';
import { ClickwrapPage } from './clickwrap-page';
import { agreementElement, SIGNER, terms } from './test-utils.test-utils';

/**
 * Hashed = shown, checked in a real browser: for every fixture, the words a reader sees in the
 * rendered agreement are exactly the words of its canonical text, in order. Words are runs of
 * letters and digits (`\p{L}`, `\p{N}`): whitespace and punctuation, which markdown uses for its
 * markup, are not compared. What the canonical text holds that is not shown as text is only what
 * canonical.ts documents: link destinations (shown where the link leads), the names of
 * character references (`&amp;` shows as `&`) and ordered lists' numbers (shown as markers).
 */
const EDGE_CASES = [
  '# Edge cases',
  'A [link](https://example.com/fees) and [a reference][ref], an autolink <https://example.com/auto>, mail <legal@example.com>.',
  '[ref]: https://example.com/ref',
  'A table-like text, not a table (no GFM):\n\n| Fee | Amount |\n|-----|--------|\n| Setup | 10 EUR |',
  'A code span `total = fee * 2` and a fence:\n\n```\nconst due = 1000;\n```\n\n    indented code 42',
  'Escapes: \\*not bold\\*, \\# not a heading, 1\\. not a list, \\<not html>, \\[not a link\\].',
  'Entities: &amp; &copy; &#35; &lt;tag&gt; &eacute;t&eacute;',
  '- nested\n  - lists\n    > with a quote\n\n> a quote\n> > in a quote',
  '1. ordered\n2. items\n\nA paragraph between two lists.\n\n7. from seven\n8. and eight',
  '***Bold italic*** and a hard break\\\nnext line, _emphasis_ and __strong__.',
  'Setext heading\n---',
  '***',
  'Unicode: Größe, 利用規約, नियम, émoji 👍 and a non-breaking\u00a0space.',
].join('\n\n');

const FIXTURES: [string, string][] = [
  ['the default Instadesk terms', terms],
  ['the example privacy policy', privacyPolicy],
  ["the example's terms of 2023-01-01", terms2023],
  ["the example's terms of 2025-06-01", terms2025],
  ["the example's privacy policy of 2024-01-01", privacy2024],
  ['the diff fixture (terms with five changes)', withFiveChanges(terms)],
  ['hand-written edge cases', EDGE_CASES],
];

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

/** The canonical text's words as a reader should see them: its text, with markup removed. */
function canonicalWords(markdown: string): string[] {
  const parts: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') {
      parts.push(node.value);
    }
    if ('children' in node) for (const child of node.children) visit(child);
    // Blocks end words: "a" in one paragraph and "b" in the next are two words.
    parts.push(' ');
  };
  visit(fromMarkdown(markdown));
  return words(parts.join(''));
}

/**
 * What canonical.ts allows to be hashed without being shown as text: link destinations, and
 * ordered lists' numbers (shown as list markers, which innerText leaves out).
 */
function allowedHidden(markdown: string): Set<string> {
  const allowed = new Set<string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'definition') for (const w of words(node.url)) allowed.add(w);
    if (node.type === 'list' && node.ordered) {
      node.children.forEach((_, i) => allowed.add(String((node.start ?? 1) + i)));
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(fromMarkdown(markdown));
  return allowed;
}

/** The markdown with character references decoded (`&eacute;` → `é`), as the browser reads them. */
function decodeReferences(markdown: string): string {
  const textarea = document.createElement('textarea');
  textarea.innerHTML = markdown;
  return textarea.value;
}

/** The words the reader sees in the rendered agreement (the UI's screen-reader-only notes aside). */
function visibleWords(area: HTMLElement): string[] {
  const hidden = [...area.querySelectorAll<HTMLElement>('[style*="clip"]')];
  for (const el of hidden) el.style.display = 'none';
  const text = area.innerText;
  for (const el of hidden) el.style.display = '';
  return words(text);
}

describe('hashed = shown', () => {
  it.each(FIXTURES)('shows exactly the words of %s, in order', async (name, markdown) => {
    const agreement = parseAgreement({ id: 'shown', version: '1', markdown });
    await render(<ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={() => {}} />);
    const area = agreementElement();
    const expected = canonicalWords(agreement.markdown);
    await expect.poll(() => visibleWords(area).length).toBeGreaterThan(0);
    // An agreement longer than a few screens mounts the rest of its parts right after its first.
    await expect.poll(() => area.querySelector('[data-pending]')).toBeNull();
    expect(visibleWords(area), name).toEqual(expected);

    // And everything else in the hashed text (character references decoded) is a link
    // destination or an ordered list's number.
    const left = new Map<string, number>();
    for (const w of words(decodeReferences(agreement.markdown))) left.set(w, (left.get(w) ?? 0) + 1);
    for (const w of expected) left.set(w, (left.get(w) ?? 0) - 1);
    const allowed = allowedHidden(agreement.markdown);
    const unexplained = [...left].filter(([w, n]) => n > 0 && !allowed.has(w)).map(([w]) => w);
    expect(unexplained, name).toEqual([]);
  });
});
