'use client';
import type { Nodes, Root } from 'mdast';
import Markdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { parseAgreement } from '../../core/agreement';
import { rememberTree } from '../../core/agreement/remembered';
import { treeOf } from '../../core/agreement/rendered';
import { ClickwrapPage } from '../clickwrap-page';
import { agreementElement, SIGNER, terms } from '../test-utils.test-utils';

/** The text of `node`'s text nodes, in order. */
function texts(node: Nodes): string[] {
  if (node.type === 'text') return [node.value];
  return 'children' in node ? node.children.flatMap((child) => texts(child)) : [];
}

/** A copy of `tree` whose text nodes say something else: what only the tree, not the markdown, says. */
function rewritten(tree: Root, from: string, to: string): Root {
  const copy = structuredClone(tree);
  const visit = (node: Nodes): void => {
    if (node.type === 'text') node.value = node.value.replace(from, to);
    if ('children' in node) node.children.forEach(visit);
  };
  visit(copy);
  return copy;
}

describe('parse once (issue 11)', () => {
  it('renders the tree parseAgreement made, never parsing the markdown again', async () => {
    const agreement = parseAgreement({
      id: 'parse-once',
      version: '1',
      markdown: '# Parse once\n\nThis sentence comes from **the markdown** text.\n',
    });
    expect(texts(treeOf(agreement))).toContain('This sentence comes from ');
    // Were the view to parse the markdown (react-markdown's own parse, or ours again), it would
    // show the markdown's words; it shows the tree's.
    rememberTree(agreement, rewritten(treeOf(agreement), 'comes from', 'was never parsed from'));

    await render(<ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={() => {}} />);
    const area = agreementElement();
    await expect.element(area).toHaveTextContent('This sentence was never parsed from the markdown text.');
    expect(area.textContent).not.toContain('comes from');
    // The tree still goes through react-markdown's components: the bold text is a key clause.
    expect(area.querySelector('[data-key-clause] strong')?.textContent).toBe('the markdown');
  });

  it('shows the same text and markup as react-markdown parsing the markdown itself', async () => {
    const agreement = parseAgreement({ id: 'terms', version: '1', markdown: terms });
    await render(<ClickwrapPage agreement={agreement} signer={SIGNER} onAccept={() => {}} />);
    const area = agreementElement();
    await expect.poll(() => area.textContent?.length ?? 0).toBeGreaterThan(1000);
    const bare = await render(<Markdown skipHtml>{agreement.markdown}</Markdown>);
    const content = area.querySelector('.rcw-agreement-content') ?? area;
    // Same words in the same order, and the same elements (the view adds its own attributes,
    // visually hidden notes and heading levels, which are compared apart).
    const words = (el: Element) => el.textContent?.match(/[\p{L}\p{N}]+/gu) ?? [];
    expect(words(content)).toEqual(words(bare.container));
    const tags = (el: Element) =>
      [...el.querySelectorAll('p, li, ul, ol, strong, em, a, blockquote, code, pre')].map((e) => e.tagName);
    expect(tags(content)).toEqual(tags(bare.container));
    expect(content.querySelectorAll('h1, h2, h3, h4, h5, h6')).toHaveLength(
      bare.container.querySelectorAll('h1, h2, h3, h4, h5, h6').length,
    );
  });

  it('parses an agreement that went through JSON once, with the same pieces, and shows it alike', async () => {
    const markdown = `# Sent as JSON\n\n${'A clause with **bold** words.\n\n'.repeat(3)}`;
    const original = parseAgreement({ id: 'json', version: '1', markdown });
    const copy = JSON.parse(JSON.stringify(original)) as typeof original;
    expect(treeOf(copy)).toEqual(treeOf(original));
    await render(<ClickwrapPage agreement={copy} signer={SIGNER} onAccept={() => {}} />);
    await expect.element(agreementElement()).toHaveTextContent('A clause with bold words.');
  });
});
