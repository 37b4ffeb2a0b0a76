import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withFiveChanges } from '../diff.fixtures';
import { AgreementError, parseAgreement } from './index';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const parse = (markdown: string) => parseAgreement({ id: 'terms', version: '1', markdown });

/** The AgreementError `markdown` is refused with (fails the test if it parses). */
function refusal(markdown: string): AgreementError {
  try {
    parse(markdown);
  } catch (error) {
    expect(error).toBeInstanceOf(AgreementError);
    return error as AgreementError;
  }
  throw new Error(`expected ${JSON.stringify(markdown)} to be refused, but it parsed`);
}

describe('hashed = shown: what the reader cannot see is refused, never hashed', () => {
  describe('given raw HTML (issue 9)', () => {
    it('refuses a hidden clause in an HTML block, naming its line and column and what to write', () => {
      const error = refusal('# T\n\n<div>\nHidden clause: you owe us 1000 EUR.\n</div>');
      expect(error).toMatchObject({ code: 'raw-html', line: 3, column: 1 });
      expect(error.message).toBe(
        'The agreement "terms" version "1", line 3, column 1: raw HTML ("<div>\\nHidden clause: you owe us 1000 EUR…") ' +
          'is not shown to the reader, so it cannot be part of what they agree to: write it as ' +
          'markdown, or escape the `<` as `\\<` to show it as text.',
      );
    });

    it.each([
      ['a script', '<script></script>', 1, 1],
      ['a comment', '<!-- -->', 1, 1],
      ['a comment after text', 'Visible.\n\n<!-- you owe us 1000 EUR -->', 3, 1],
      ['an inline tag', 'You agree to <b>this</b>.', 1, 14],
      ['an inline comment', '**Key** <!-- hidden --> clause.', 1, 9],
      ['HTML in a list item', '# T\n\n- one\n- two <span hidden>secret</span>', 4, 7],
    ])('refuses %s with its position', (_, markdown, line, column) => {
      expect(refusal(markdown)).toMatchObject({ code: 'raw-html', line, column });
    });

    it('counts lines as written, before blank lines at the start are removed', () => {
      expect(refusal('\n\n\r\nText.\n\n<p>x</p>')).toMatchObject({ code: 'raw-html', line: 6 });
    });

    it('accepts what only looks like HTML: escaped, in code, autolinks, a lone <', () => {
      const agreement = parse(
        'Write \\<div> as text, `<b>code</b>`, <https://example.com>, and 1 < 2.\n\n    <p>indented code</p>\n',
      );
      expect(agreement.markdown).toContain('\\<div>');
    });
  });

  describe('given control characters', () => {
    it.each([
      ['NUL alone (issue 9)', '\u0000', 1, 1],
      ['NUL in a clause', '# T\n\nYou owe \u0000us.', 3, 9],
      ['a form feed', 'a\fb', 1, 2],
      ['an escape', '# T\n\u001b[8mhidden', 2, 1],
      ['DEL', 'x\u007f', 1, 2],
      ['a C1 control', 'x\u0085y', 1, 2],
    ])('refuses %s, naming the character and where it is', (_, markdown, line, column) => {
      const error = refusal(markdown);
      expect(error).toMatchObject({ code: 'control-character', line, column });
      expect(error.message).toMatch(
        /control character U\+00[0-9A-F]{2} at line \d+, column \d+\. It is invisible to the reader/,
      );
    });

    it('keeps tabs, and reads CR and CRLF as line breaks', () => {
      expect(parse('a\tb\r\nc\rd').markdown).toBe('a\tb\nc\nd\n');
    });
  });

  describe('given nothing a reader could see', () => {
    it.each([
      ['a rule', '---'],
      ['an empty heading', '#'],
      ['empty list items', '-\n-\n-'],
      ['an empty quote', '>'],
      ['a zero-width space', '\u200b'],
      ['a link with no text', '[](https://example.com)'],
    ])('refuses %s', (_, markdown) => {
      expect(refusal(markdown)).toMatchObject({
        code: 'no-visible-text',
        message: expect.stringMatching(
          /has no text a reader could see .*: pass the text they agree to in `markdown`\./,
        ),
      });
    });
  });

  describe('given text hashed but shown only as a tooltip, or not at all', () => {
    it.each([
      ['an image', 'See ![a chart of fees](https://example.com/fees.png).', 'image', 1, 5],
      ['an image by reference', '![fees][f]\n\n[f]: https://example.com/f.png', 'image', 1, 1],
      ['a link title', '[fees](https://example.com "you owe us 1000 EUR")', 'hidden-text', 1, 1],
      ['a definition title', '[fees][f]\n\n[f]: https://example.com "you owe us"', 'hidden-text', 3, 1],
      ['an unused definition', 'Text.\n\n[you owe us 1000 EUR]: https://example.com', 'hidden-text', 3, 1],
      ['a code info string', '```you-owe-us-1000-EUR\ncode\n```', 'hidden-text', 1, 1],
      ['a list number that is not the one shown', '1. one\n1. two', 'hidden-text', 2, 1],
      ['a list continued across a blank line', '1. one\n2. two\n\n7. seven', 'hidden-text', 4, 1],
    ])('refuses %s', (_, markdown, code, line, column) => {
      expect(refusal(markdown)).toMatchObject({ code, line, column });
    });

    it('accepts links (their destination is shown on hover and is where they lead), used definitions and plain fences', () => {
      const agreement = parse(
        'See [the fees](https://example.com/fees) and [the policy][p].\n\n[p]: https://example.com/p\n\n```\ncode\n```\n',
      );
      expect(agreement.markdown).toContain('[p]: https://example.com/p');
    });
  });

  describe("the project's own agreements", () => {
    const files = [
      'agreements/instadesk-terms.md',
      'agreements/example-privacy-policy.md',
      ...readdirSync(new URL('examples/signup/agreements/', root), { recursive: true })
        .map(String)
        .filter((path) => path.endsWith('.md'))
        .map((path) => `examples/signup/agreements/${path}`),
    ];

    it.each(files)('parses %s', (path) => {
      expect(parse(read(path)).keyClauses.length).toBeGreaterThan(0);
    });

    it('parses the diff fixture (the Terms with five changes)', () => {
      expect(parse(withFiveChanges(read('agreements/instadesk-terms.md'))).sections.length).toBeGreaterThan(
        0,
      );
    });
  });
});
