/**
 * Which characters an agreement may not contain because the reader cannot see them, or sees the
 * text around them other than it is hashed (hashed = shown). One rule for the raw text (scan.ts)
 * and for text written with character references such as `&#x202E;` (tree.ts, after decoding).
 *
 * The rule starts from Unicode's Default_Ignorable_Code_Point set (characters fonts draw as
 * nothing; the ranges are written out here so that every engine, whatever its Unicode version,
 * accepts the same texts) and keeps those that real text in some language needs:
 *
 * - U+00AD SOFT HYPHEN: marks where a long word may be hyphenated (German, Dutch, Finnish); it
 *   is shown, as a hyphen, exactly where the line breaks.
 * - U+034F COMBINING GRAPHEME JOINER: a mark that only joins the marks around it; it keeps the
 *   order of Hebrew points and cantillation, and distinguishes e.g. a German trema from an
 *   umlaut, under the NFC normalisation canonicalisation applies. It carries no text and cannot
 *   reorder any.
 * - U+061C ARABIC LETTER MARK, U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK: they place
 *   punctuation and numbers between Arabic or Hebrew and Latin text. Each acts like an invisible
 *   strong letter, so it can only change on which side a neutral character falls, never reverse
 *   a run the way the embeddings, overrides and isolates refused below do.
 * - U+200B ZERO WIDTH SPACE: marks word boundaries in Thai, Khmer, Lao, Burmese and Tibetan,
 *   which are written without spaces, so that lines break between words.
 * - U+200C ZERO WIDTH NON-JOINER, U+200D ZERO WIDTH JOINER: required spelling in Persian, Urdu,
 *   Kurdish, Indic scripts and emoji sequences (👩‍💻), where they change the shapes shown.
 * - Variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) and Mongolian free variation selectors
 *   (U+180B–U+180D, U+180F): they choose the glyph of the character before them (emoji ❤️, CJK
 *   ideograph variants in Japanese names, Mongolian letter forms). A character takes at most
 *   one, so one after another selector is refused: such runs are how data is smuggled invisibly
 *   behind an emoji.
 * - U+180E MONGOLIAN VOWEL SEPARATOR, only between a Mongolian letter and a final A or E
 *   (U+1820, U+1821), whose shape it selects.
 * - Tag characters (U+E0020–U+E007F) only in the three flag emoji written with them: England,
 *   Scotland and Wales (🏴 then "gbeng", "gbsct" or "gbwls" in tags, then CANCEL TAG).
 *
 * Everything else in that set is refused: bidi embeddings, overrides and isolates, other tag
 * characters, the word joiner and invisible mathematical operators, the deprecated format
 * characters U+206A–U+206F, U+FEFF, the Hangul fillers, the Khmer inherent vowels, shorthand and
 * musical format controls, and the unassigned code points reserved to be invisible. So are the
 * interlinear annotation characters U+FFF9–U+FFFB (which may hide the annotation they hold) and
 * control characters (C0 but tab and line feed, DEL, C1).
 */

/** A character an agreement may not contain, and how to say so. */
export interface Forbidden {
  code: 'control-character' | 'invisible-character';
  /** The code point found. */
  codePoint: number;
  /** `U+202E RIGHT-TO-LEFT OVERRIDE`. */
  label: string;
  /** Why it is refused and what to write instead, as sentences. */
  advice: string;
}

const TAB = 9;
const LF = 10;

const BIDI =
  'It changes the order in which the text around it is shown without being seen itself ' +
  '(after U+202E, "05" is shown as "50"), so the reader would agree to other text than is hashed. Remove ' +
  'it: write right-to-left words in their own script, which is shown in its own direction, and ' +
  'let the page set the direction of the whole text (`dir="rtl"` on its container, e.g. the ' +
  "view's `textDir`); to place punctuation or a number between two directions, use U+200E " +
  'LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK or U+061C ARABIC LETTER MARK, which are allowed.';
const NO_BREAK =
  'It is invisible. Remove it; to keep two words on one line, use a no-break space (U+00A0, `&nbsp;`).';
const OPERATOR =
  'It is an invisible mathematical operator. Write the operator the reader should see (×, +, a ' +
  'comma), or remove it.';
const FILLER =
  'It is a blank that counts as a letter, shown as nothing or as a space, so it can pass for ' +
  'the end of the text. Remove it: write a space as a space, and Korean in precomposed syllables.';
/** For the rarely met ones (deprecated, unassigned, annotations, shorthand and musical controls). */
const INVISIBLE = 'Fonts draw it as nothing, so the reader cannot see it. Remove it.';
const VOWEL_SEPARATOR =
  'It is invisible, and belongs only between a Mongolian letter and a final A or E (U+1820, ' +
  'U+1821), whose shape it selects. Remove it here.';
const SELECTOR_RUN =
  'A character takes at most one variation selector: more after it are invisible, and can carry ' +
  'hidden data. Remove them.';
// Named when an author is likely to meet them (pasted from a web page or a word processor); the
// others are shown by code point.
const NAMES: Record<number, string> = {
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2062: 'INVISIBLE TIMES',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
};

/** `U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and, where known here, its Unicode name. */
export function labelOf(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  let name = NAMES[codePoint];
  if (name === undefined && isVariationSelector(codePoint)) {
    name = `VARIATION SELECTOR-${codePoint <= 0xfe0f ? codePoint - 0xfe00 + 1 : codePoint - 0xe0100 + 17}`;
  } else if (name === undefined && codePoint >= 0xe0020 && codePoint <= 0xe007f) {
    name = `TAG CHARACTER (an invisible ${JSON.stringify(String.fromCharCode(codePoint - 0xe0000))})`;
  }
  return name === undefined ? hex : `${hex} ${name}`;
}

function isVariationSelector(cp: number): boolean {
  return (
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    (cp >= 0x180b && cp <= 0x180d) ||
    cp === 0x180f
  );
}

/** The code point ending just before `i` (a surrogate pair read as one), or -1 at the start. */
function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + low - 0xdc00 + 0x10000;
  }
  return low;
}

/** The three flags written with tags (the Unicode emoji set): England, Scotland, Wales. */
const TAG_FLAGS = new Set(['gbeng', 'gbsct', 'gbwls']);
const BLACK_FLAG = 0x1f3f4;

/** Whether the tag character at `i` belongs to the flag of England, Scotland or Wales. */
function inFlag(text: string, i: number): boolean {
  // Back over at most 5 tags (each two UTF-16 units) to the black flag, then forward to the cancel tag.
  let start = i;
  while (start > 0 && isTagUnit(text, start - 2) && i - start < 12) start -= 2;
  if (codePointBefore(text, start) !== BLACK_FLAG) return false;
  let spec = '';
  for (let j = start; j < start + 12 && isTagUnit(text, j); j += 2) {
    const cp = text.codePointAt(j) ?? 0;
    if (cp === 0xe007f) return TAG_FLAGS.has(spec) && j >= i;
    spec += String.fromCharCode(cp - 0xe0000);
  }
  return false;
}

function isTagUnit(text: string, i: number): boolean {
  if (i < 0 || text.charCodeAt(i) !== 0xdb40) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc20 && low <= 0xdc7f;
}

/**
 * The character at `i` of `text` (a UTF-16 index; a surrogate pair is read at its high half) if
 * an agreement may not contain it there, else null. Constant work: ASCII returns at once.
 */
export function forbiddenAt(text: string, i: number): Forbidden | null {
  const code = text.charCodeAt(i);
  if (code < 0x20) return code === TAB || code === LF ? null : control(code);
  if (code < 0x7f) return null;
  if (code <= 0x9f) return control(code);
  if (code < 0x115f) return null; // U+00AD, U+034F and U+061C are kept (see above).
  let cp = code;
  if (code >= 0xd800 && code <= 0xdbff) {
    // Only these high surrogates start something refused: U+1BCxx, U+1D1xx, U+E0000–U+E0FFF.
    if (code !== 0xd82f && code !== 0xd834 && (code < 0xdb40 || code > 0xdb43)) return null;
    cp = text.codePointAt(i) ?? code;
  }
  const refuse = (advice: string): Forbidden => ({
    code: 'invisible-character',
    codePoint: cp,
    label: labelOf(cp),
    advice,
  });

  if (cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0) return refuse(FILLER);
  if (cp === 0x17b4 || cp === 0x17b5) return refuse(INVISIBLE);
  if (cp === 0x180e) {
    const before = codePointBefore(text, i);
    const after = text.charCodeAt(i + 1);
    const afterLetter = (before >= 0x1820 && before <= 0x18aa) || isVariationSelector(before);
    return afterLetter && (after === 0x1820 || after === 0x1821) ? null : refuse(VOWEL_SEPARATOR);
  }
  if (isVariationSelector(cp)) {
    return isVariationSelector(codePointBefore(text, i)) ? refuse(SELECTOR_RUN) : null;
  }
  if (cp < 0x2000) return null;
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return refuse(BIDI);
  if (cp === 0x2060) return refuse(NO_BREAK);
  if (cp >= 0x2061 && cp <= 0x2064) return refuse(OPERATOR);
  if (cp >= 0x2065 && cp <= 0x206f) return refuse(INVISIBLE);
  if (cp === 0xfeff) return refuse(NO_BREAK);
  // Unassigned, interlinear annotations (which may hide what they enclose), shorthand and
  // musical format controls.
  if (
    (cp >= 0xfff0 && cp <= 0xfffb) ||
    (cp >= 0x1bca0 && cp <= 0x1bca3) ||
    (cp >= 0x1d173 && cp <= 0x1d17a)
  ) {
    return refuse(INVISIBLE);
  }
  if (cp >= 0xe0020 && cp <= 0xe007f) return inFlag(text, i) ? null : refuse(tagAdvice(text, i));
  if (cp >= 0xe0000 && cp <= 0xe0fff) return refuse(INVISIBLE);
  return null;
}

function control(code: number): Forbidden {
  return {
    code: 'control-character',
    codePoint: code,
    label: labelOf(code),
    advice:
      'It is invisible to the reader, so it cannot be part of what they agree to: remove it ' +
      '(only tabs and line breaks are allowed).',
  };
}

/** Says what the run of tags from `i` spells, which no reader sees. */
function tagAdvice(text: string, i: number): string {
  let spelled = '';
  for (let j = i; isTagUnit(text, j) && spelled.length <= 60; j += 2) {
    const cp = text.codePointAt(j) ?? 0;
    if (cp === 0xe007f) break;
    spelled += String.fromCharCode(cp - 0xe0000);
  }
  const spells = spelled.trim() === '' ? '' : ` (here they spell ${JSON.stringify(spelled.slice(0, 60))})`;
  return (
    `Tag characters are invisible and can spell whole sentences no reader sees${spells}; only the ` +
    'flags of England, Scotland and Wales are written with them. Remove them.'
  );
}

/** Named character references (HTML's list) that decode to a character {@link forbiddenAt} refuses. */
const NAMED: Record<string, number> = {
  NoBreak: 0x2060,
  af: 0x2061,
  ApplyFunction: 0x2061,
  it: 0x2062,
  InvisibleTimes: 0x2062,
  ic: 0x2063,
  InvisibleComma: 0x2063,
};

const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/g;

/**
 * The first character reference in `source` (`&#x202E;`, `&#8238;`, `&NoBreak;`) that decodes to
 * `codePoint`: its index and how it is written, or null (the character came some other way).
 */
export function referenceTo(source: string, codePoint: number): { index: number; written: string } | null {
  for (const match of source.matchAll(REFERENCE)) {
    const [written, hex, decimal, name] = match;
    const decoded =
      hex !== undefined
        ? Number.parseInt(hex, 16)
        : decimal !== undefined
          ? Number(decimal)
          : NAMED[name ?? ''];
    if (decoded === codePoint) return { index: match.index, written };
  }
  return null;
}
