import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { Heading, Nodes, Paragraph } from 'mdast';

const markdown = readFileSync(new URL('./instadesk-terms.md', import.meta.url), 'utf8');
const original = readFileSync(
  new URL('../../shared/agreements/instadesk-terms.txt', import.meta.url),
  'utf8',
);

interface Block {
  node: Heading | Paragraph;
  text: string;
  /** Roman numeral of the enclosing `##` section ("II" … "VIII"), or "" for the opening part. */
  section: string;
}

/** Headings and paragraphs in document order, each tagged with its enclosing `##` section. */
function collectBlocks(tree: Nodes): Block[] {
  const blocks: Block[] = [];
  let section = '';
  const visit = (node: Nodes): void => {
    if (node.type === 'heading' || node.type === 'paragraph') {
      const text = toString(node);
      if (node.type === 'heading' && node.depth <= 2) {
        section = node.depth === 2 ? (text.split('.')[0] ?? '') : '';
      }
      blocks.push({ node, text, section });
      return;
    }
    if ('children' in node) {
      for (const child of node.children) visit(child);
    }
  };
  visit(tree);
  return blocks;
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** Leading clause number such as "1.", "2.4", "10." or "3)". */
const NUMBER_TOKEN = /^(?:\d+\.\d+|\d+[.)])/;

/** The text of a block without its leading number token (and the space after it, if any). */
function textAfterNumber(text: string): string {
  const token = NUMBER_TOKEN.exec(text)?.[0] ?? '';
  return text.slice(token.length).trimStart();
}

function hasStrong(node: Nodes): boolean {
  if (node.type === 'strong') return true;
  return 'children' in node && node.children.some((child) => hasStrong(child));
}

const tree = fromMarkdown(markdown);
const blocks = collectBlocks(tree);
const originalLines = original
  .split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line.length > 0);

type Clause = readonly [label: string, section: string, prefix: string];

/** Clauses that must be bold: they relieve the provider of obligations or limit the user's rights. */
const REQUIRED_BOLD: readonly Clause[] = [
  ['opening: unless accepted', '', 'Unless you have read and accepted'],
  ['opening 3', '', '3.We have the right to modify'],
  ['II 2.4', 'II', '2.4 The Software is provided as is'],
  ['II 3.2', 'II', '3.2 The use of this Software must comply'],
  ['II 3.3', 'II', '3.3 The commercial acts occurring'],
  ['II 3.4', 'II', '3.4 We do not assume any responsibility'],
  ['II 3.5', 'II', '3.5 Downloading, installing or using'],
  ['III 1.1', 'III', '1.1 If you wish to use our services'],
  ['III 1.2', 'III', '1.2 You that you are a natural person'],
  ['III 1.3', 'III', '1.3 You should provide and update'],
  ['III 2.1', 'III', '2.1 The ownership of this account'],
  ['III 2.3', 'III', '2.3 If you register, log in'],
  ['III 2.4: violation of commitments', 'III', 'If you violate the above commitments'],
  ['III 2.6', 'III', '2.6 You should keep your account'],
  ['IV 2.2', 'IV', '2.2 The use of free services'],
  ['IV 2.3', 'IV', '2.3 We may make modifications'],
  ['V 4', 'V', '4. If you use our services to provide external business'],
  ['V 5: violation of regulations', 'V', 'If you violate the aforementioned regulations'],
  ['V 7', 'V', '7. You should not install or use pirated software'],
  ['V 8', 'V', '8. You must bear legal responsibility'],
  ['V 9', 'V', '9. You have the obligation to make your own judgment'],
  ['V 10', 'V', '10. When you access third-party websites'],
  ['V 11', 'V', '11. When you upload content to our product'],
  ['V 12', 'V', '12. We have the right to conduct quality inspection'],
  ['V 13', 'V', '13. If we receive complaints about you'],
  ['VI 1', 'VI', '1.If you violate the provisions'],
  ['VI 2', 'VI', '2. We are not responsible for any economic losses'],
  ['VI 3', 'VI', '3. Based on your needs'],
  ['VI 4', 'VI', '4. We are not responsible for losses caused by force majeure'],
  ['VI 5', 'VI', '5. We do not directly upload or provide content'],
  ['VI 6', 'VI', '6. You understand that we cannot guarantee'],
  ['VI 7', 'VI', '7. Under no circumstances shall we be liable'],
  ['VI 8', 'VI', '8. We do not waive any rights'],
  ['VII 4', 'VII', '4. You understand and agree that we have the right'],
  ['VIII 1.1', 'VIII', '1.1 We may choose to suspend'],
  ['VIII 1.2', 'VIII', '1.2 You agree that for reasons such as'],
  ['VIII 1.3', 'VIII', '1.3 In case of the following situations'],
  ['VIII 1.4', 'VIII', '1.4 After your service is terminated'],
];

/** Additional clauses bolded by choice (see the rendition's review notes). */
const EXTRA_BOLD: readonly Clause[] = [
  ['opening: minors', '', 'If you are under 18 years old'],
  ['III 2.5', 'III', '2.5 You are responsible for the registered and used account'],
  ['V 6', 'V', '6. Without our permission, you may not transfer'],
  ['VIII 1.3 1)', 'VIII', '1) The main content of the information you provide'],
  ['VIII 1.3 2)', 'VIII', '2) When this agreement (including rules) is changed'],
  ['VIII 1.3 3)', 'VIII', '3) You use our products to engage in activities'],
  ['VIII 1.3 4)', 'VIII', '4) Other situations where you violate this agreement'],
];

function findClause([label, section, prefix]: Clause): Block {
  const matches = blocks.filter((b) => b.section === section && b.text.startsWith(prefix));
  expect(matches, `${label}: exactly one block starting with "${prefix}"`).toHaveLength(1);
  const [block] = matches;
  if (!block) throw new Error(`${label}: no block starts with "${prefix}"`);
  return block;
}

describe('instadesk-terms.md', () => {
  it('keeps every word of the original text, in order', () => {
    expect(words(blocks.map((b) => b.text).join('\n'))).toEqual(words(original));
  });

  it('renders each original line as exactly one block', () => {
    expect(blocks).toHaveLength(originalLines.length);
    expect(blocks.map((b) => b.text)).toEqual(originalLines);
  });

  it('uses only text and strong as inline markup', () => {
    const inlineTypes = new Set<string>();
    const visit = (node: Nodes): void => {
      if ('children' in node) node.children.forEach(visit);
      if (node.type !== 'root' && !['heading', 'paragraph', 'list', 'listItem'].includes(node.type)) {
        inlineTypes.add(node.type);
      }
    };
    visit(tree);
    expect([...inlineTypes].sort()).toEqual(['strong', 'text']);
  });

  it('has the title, the numbered sections and the subsection titles as headings', () => {
    const headings = blocks
      .filter((b) => b.node.type === 'heading')
      .map((b) => `${'#'.repeat((b.node as Heading).depth)} ${b.text}`);
    expect(headings).toEqual([
      '# Instadesk Terms and Conditions',
      '## II. Software Licenses',
      '### 1. Declaration of intellectual property rights',
      '### 2. Scope of software licenses',
      '### 3. User instruments',
      '## III. Account and Usage Standards',
      '### 1. Registration process',
      '### 2. Account Usage Standards',
      '## IV. Our Services',
      '### 1.Services',
      '### 2. Service fees',
      '## V. Rights and Obligations',
      '## VI. Legal Liability and Disclaimer',
      '## VII. Protection of your information',
      '## VIII. Other',
      '### 1. Suspension, interruption and termination of services',
    ]);
  });

  describe('bolds the clauses that relieve us of obligations or limit the user’s rights', () => {
    it.each([...REQUIRED_BOLD, ...EXTRA_BOLD])('%s', (...clause) => {
      const block = findClause(clause);
      const expected = textAfterNumber(block.text);
      const strongTexts = block.node.children
        .filter((child) => child.type === 'strong')
        .map((child) => toString(child));
      expect(strongTexts, `${clause[0]} should be bold after its number`).toEqual([expected]);
    });
  });

  it('bolds nothing else', () => {
    const bold = new Set([...REQUIRED_BOLD, ...EXTRA_BOLD].map((clause) => findClause(clause)));
    const unexpected = blocks
      .filter((b) => !bold.has(b) && hasStrong(b.node))
      .map((b) => `${b.section || 'opening'}: ${b.text.slice(0, 60)}`);
    expect(unexpected).toEqual([]);
  });
});
