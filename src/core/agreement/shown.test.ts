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

  describe('given invisible characters that hide text or reorder what is shown', () => {
    /** `text` spelled in tag characters (U+E0000 + ASCII): invisible. */
    const tags = (text: string) =>
      [...text].map((char) => String.fromCodePoint(0xe0000 + char.charCodeAt(0))).join('');

    it.each([
      [
        'a right-to-left override ("05" shown as "50")',
        '# T\n\nThe fee is \u202e05\u202c EUR.',
        3,
        12,
        'U+202E RIGHT-TO-LEFT OVERRIDE',
        /dir="rtl"/,
      ],
      [
        'a left-to-right embedding',
        'a\u202ab',
        1,
        2,
        'U+202A LEFT-TO-RIGHT EMBEDDING',
        /U\+200E LEFT-TO-RIGHT MARK/,
      ],
      ['a right-to-left isolate', 'a \u2067b\u2069', 1, 3, 'U+2067 RIGHT-TO-LEFT ISOLATE', /Remove it/],
      ['a pop directional isolate', 'a b\u2069', 1, 4, 'U+2069 POP DIRECTIONAL ISOLATE', /Remove it/],
      [
        'tag characters spelling a hidden sentence',
        `Fee: 5 EUR.${tags(' We may sell your data.')}`,
        1,
        12,
        'U+E0020 TAG CHARACTER (an invisible " ")',
        /spell " We may sell your data\."/,
      ],
      ['a word joiner', 'sel\u2060l', 1, 4, 'U+2060 WORD JOINER', /no-break space/],
      ['an invisible operator', '2\u20623', 1, 2, 'U+2062 INVISIBLE TIMES', /Write the operator/],
      ['a deprecated digit-shape control', '\u206e12', 1, 1, 'U+206E', /cannot see it\. Remove it/],
      [
        'a Hangul filler after the text',
        'We do not sell your data. \u3164\u3164',
        1,
        27,
        'U+3164 HANGUL FILLER',
        /write a space as a space/,
      ],
      ['a halfwidth Hangul filler', 'x\uffa0', 1, 2, 'U+FFA0 HALFWIDTH HANGUL FILLER', /Remove it/],
      ['a Hangul choseong filler', 'x\u115f', 1, 2, 'U+115F HANGUL CHOSEONG FILLER', /Remove it/],
      [
        'a Mongolian vowel separator outside Mongolian',
        'a\u180e b',
        1,
        2,
        'U+180E MONGOLIAN VOWEL SEPARATOR',
        /final A or E/,
      ],
      [
        'a run of variation selectors (data behind an emoji)',
        'ok \u2764\ufe0f\ufe01\ufe02',
        1,
        6,
        'U+FE01 VARIATION SELECTOR-2',
        /at most one/,
      ],
      ['an interlinear annotation', 'a\ufff9b\ufffac\ufffb', 1, 2, 'U+FFF9', /cannot see it\. Remove it/],
      ['a Khmer inherent vowel', '\u1780\u17b4', 1, 2, 'U+17B4', /Remove it/],
    ])(
      'refuses %s, naming the character, where it is and what to write',
      (_, markdown, line, column, label, advice) => {
        const error = refusal(markdown);
        expect(error).toMatchObject({ code: 'invisible-character', line, column });
        expect(error.message).toContain(`contains ${label} at line ${line}, column ${column}. `);
        expect(error.message).toMatch(advice);
      },
    );

    it.each([
      [
        '&#x202E; (hexadecimal)',
        'The fee is &#x202E;05&#x202c; EUR.',
        12,
        '&#x202E;',
        'U+202E RIGHT-TO-LEFT OVERRIDE',
      ],
      ['&#8238; (decimal)', 'The fee is &#8238;05 EUR.', 12, '&#8238;', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
      ['&#x2066; (an isolate)', 'a &#x2066;b', 3, '&#x2066;', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
      ['&#xE0041; (a tag)', 'Fee.&#xE0041;', 5, '&#xE0041;', 'U+E0041 TAG CHARACTER (an invisible "A")'],
      ['&NoBreak; (a named reference)', 'sel&NoBreak;l', 4, '&NoBreak;', 'U+2060 WORD JOINER'],
      [
        '&InvisibleTimes; (a named reference)',
        '2&InvisibleTimes;3',
        2,
        '&InvisibleTimes;',
        'U+2062 INVISIBLE TIMES',
      ],
      [
        '&#xFEFF; (which canonicalisation would remove if written as itself)',
        'a&#xFEFF;b',
        2,
        '&#xFEFF;',
        'U+FEFF ZERO WIDTH NO-BREAK SPACE',
      ],
      ['&#x3164; (a Hangul filler)', 'done. &#x3164;', 7, '&#x3164;', 'U+3164 HANGUL FILLER'],
    ])(
      'refuses the character reference %s, found after decoding, at the reference',
      (_, text, column, written, label) => {
        // In a block quote's second line: the column counts its `> ` too.
        const error = refusal(`# Terms\n\n> Quoted,\n> ${text}`);
        column += 2;
        expect(error).toMatchObject({ code: 'invisible-character', line: 4, column });
        expect(error.message).toContain(
          `"terms" version "1", line 4, column ${column}: the character reference \`${written}\` stands for ${label}. `,
        );
      },
    );

    it('refuses a control character written as a character reference (a form feed, a carriage return)', () => {
      expect(refusal('a &#12; b')).toMatchObject({ code: 'control-character', line: 1, column: 3 });
      expect(refusal('a\n&#13;')).toMatchObject({ code: 'control-character', line: 2, column: 1 });
    });

    it('counts lines as written, before blank lines at the start are removed', () => {
      expect(refusal('\n\n# T\n\na\u202eb')).toMatchObject({ line: 5, column: 2 });
      expect(refusal('\n\n# T\n\na&#x202e;b')).toMatchObject({ line: 5, column: 2 });
    });

    it('accepts them in code spans, where a reference is shown as written', () => {
      expect(parse('Write `&#x202E;` to override.').markdown).toContain('`&#x202E;`');
    });

    it.each([
      ['ZWNJ in Persian', 'می\u200cخواهم'],
      ['ZWJ in an emoji sequence', 'Support: \u{1f469}\u200d\u{1f4bb}'],
      ['ZWJ in Devanagari', 'क्\u200dष'],
      ['LRM, RLM and ALM between directions', 'Hebrew: שלום\u200f (1)\u200e, Arabic: ١٢\u061c٣'],
      ['a soft hyphen in German', 'Haftungs\u00adbeschränkung'],
      ['ZWSP between Thai words', 'ข้อตกลง\u200bการใช้งาน'],
      ['a combining grapheme joiner in Hebrew', 'בְּ\u034fרֵאשִׁית'],
      ['an emoji and a CJK ideograph with one variation selector each', '\u2764\ufe0f \u845b\u{e0100}'],
      ['a Mongolian vowel separator before a final A', 'ᠨᠢᠭᠤᠮ\u180eᠠ'],
      [
        'the flags of England, Scotland and Wales',
        `\u{1f3f4}${tags('gbeng')}\u{e007f} \u{1f3f4}${tags('gbsct')}\u{e007f} \u{1f3f4}${tags('gbwls')}\u{e007f}`,
      ],
      ['the same as character references', 'a&zwnj;b&zwj;c&lrm;d&rlm;e&shy;f&#x200B;g&#x61C;h'],
    ])('keeps %s', (_, text) => {
      expect(parse(`# Terms\n\n${text}\n`).markdown).toBe(`# Terms\n\n${text}\n`.normalize('NFC'));
    });

    it('refuses tag characters after a black flag that spell no flag of the emoji set', () => {
      expect(refusal(`\u{1f3f4}${tags('usca')}\u{e007f}`)).toMatchObject({
        code: 'invisible-character',
        column: 3,
      });
      expect(refusal(`\u{1f3f4}${tags('gbengx')}\u{e007f}`)).toMatchObject({ code: 'invisible-character' });
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
