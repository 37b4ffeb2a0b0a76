/**
 * The receipt's `presentation` field: its field spec (checked and ordered like every other
 * field, so `integrity` covers it), the rule across its fields (measured ⇔ measurements present,
 * not measured ⇔ a reason), and what `createReceipt` writes when it was given none.
 */
import { isObject, type Json } from '../internal/problems';
import type { ReceiptPresentation } from '../presentation/types';
import type { FieldSpec } from './shape';
import type { ReceiptProblem } from './types';

const REASONS: readonly unknown[] = [
  'server-render',
  'no-layout',
  'assent-not-found',
  'accept-button-not-found',
  'not-provided',
];

const leaf = (expect: string, test: (v: unknown) => boolean, nullable = false): FieldSpec => ({
  kind: 'leaf',
  expect,
  test,
  nullable,
});
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const number = (what: string, nullable = false) =>
  leaf(`${nullable ? 'null or ' : ''}${what}, as a finite number of at least 0`, isNumber, nullable);
const ratio = (what: string) =>
  leaf(
    `null or ${what}, as a contrast ratio from 1 to 21`,
    (v) => typeof v === 'number' && v >= 1 && v <= 21,
    true,
  );
const bool = (what: string, nullable = false) =>
  leaf(`${nullable ? 'null or ' : ''}${what}, as true or false`, (v) => typeof v === 'boolean', nullable);
const text = (what: string) => leaf(`${what}, as a string`, (v) => typeof v === 'string');
const count = (what: string) =>
  leaf(`${what}, as a whole number of at least 0`, (v) => Number.isSafeInteger(v) && (v as number) >= 0);
/** Optional: present only when the text before it was cut to fit (and absent in older receipts). */
const fullLength = (what: string): FieldSpec => ({
  ...leaf(
    `${what}'s full length when only its first characters are recorded, as a whole number, or no field when recorded whole`,
    (v) => Number.isSafeInteger(v) && (v as number) > 0,
  ),
  optional: true,
});
const object = (expect: string, fields: Record<string, FieldSpec>): FieldSpec => ({
  kind: 'object',
  expect,
  nullable: true,
  fields,
});

/** The spec of `presentation`: optional, so receipts made before it was recorded still verify. */
export const PRESENTATION: FieldSpec = {
  kind: 'object',
  expect:
    'the presentation evidence ({ measured, reason, assent, acceptButton, distancePx, links, viewport, theme, colorScheme, reducedMotion }), or no field in receipts made before it was recorded',
  nullable: false,
  optional: true,
  fields: {
    measured: bool('whether layout was measured'),
    reason: leaf(
      `null or why it was not measured (${REASONS.map((r) => JSON.stringify(r)).join(', ')})`,
      (v) => REASONS.includes(v),
      true,
    ),
    assent: object(
      'null or the assent statement ({ accessibleName, visibleText, inViewport, fontSizePx, fontWeight, contrast })',
      {
        accessibleName: text("the assent checkbox's accessible name"),
        accessibleNameFullLength: fullLength('the accessible name'),
        visibleText: text("the assent label's visible text"),
        visibleTextFullLength: fullLength('the visible text'),
        inViewport: bool('whether it was inside the viewport'),
        fontSizePx: number('its font size in CSS px'),
        fontWeight: number('its font weight'),
        contrast: ratio('its text-to-background contrast'),
      },
    ),
    acceptButton: object(
      'null or the Accept button ({ label, visibleText, inViewport, widthPx, heightPx })',
      {
        label: text("the button's accessible name"),
        labelFullLength: fullLength('the accessible name'),
        // Optional: receipts made before it was recorded have only the accessible name.
        visibleText: {
          ...leaf(
            "null or the button's visible text, as a string, or no field in receipts made before it was recorded",
            (v) => typeof v === 'string',
            true,
          ),
          optional: true,
        },
        visibleTextFullLength: fullLength('the visible text'),
        inViewport: bool('whether it was inside the viewport'),
        widthPx: number('its width in CSS px'),
        heightPx: number('its height in CSS px'),
      },
    ),
    distancePx: number('the distance between the assent statement and the button in CSS px', true),
    links: object('null or the links ({ count, underlined, minContrast, minContrastWithText, distinct })', {
      count: count('how many links were measured'),
      underlined: count('how many were underlined'),
      minContrast: ratio('the lowest link-to-background contrast'),
      minContrastWithText: ratio("the lowest contrast of a link's colour with its surrounding text"),
      distinct: bool('whether every link was distinct from its text', true),
    }),
    viewport: object('null or the viewport ({ widthPx, heightPx, devicePixelRatio, visualViewportScale })', {
      widthPx: number('the viewport width in CSS px'),
      heightPx: number('the viewport height in CSS px'),
      devicePixelRatio: number('window.devicePixelRatio'),
      visualViewportScale: number('visualViewport.scale', true),
    }),
    theme: leaf('null or the theme, as a string', (v) => typeof v === 'string', true),
    colorScheme: leaf('null, "light" or "dark"', (v) => v === 'light' || v === 'dark', true),
    reducedMotion: bool('whether reduced motion was preferred', true),
  },
};

/** What `createReceipt` records when it was not given any: not measured, and why. */
export const PRESENTATION_NOT_PROVIDED: ReceiptPresentation = {
  measured: false,
  reason: 'not-provided',
  assent: null,
  acceptButton: null,
  distancePx: null,
  links: null,
  viewport: null,
  theme: null,
  colorScheme: null,
  reducedMotion: null,
};

const MEASUREMENTS = [
  'assent',
  'acceptButton',
  'distancePx',
  'links',
  'viewport',
  'colorScheme',
  'reducedMotion',
];

/**
 * A measured block has every measurement and no reason; an unmeasured one has a reason and no
 * measurement (a partial guess would look like evidence). `theme` may be known either way.
 */
export function checkPresentationConsistency(receipt: Json, problems: ReceiptProblem[]): void {
  const block = receipt.presentation;
  if (!isObject(block) || typeof block.measured !== 'boolean') return;
  const path = 'presentation';
  checkCuts(block, problems);
  if (block.measured) {
    const absent = MEASUREMENTS.filter((key) => block[key] === null || block[key] === undefined);
    if (block.reason !== null || absent.length > 0) {
      problems.push({
        code: 'invalid-field',
        path,
        message:
          `${path} says measured: true but ${block.reason !== null ? `gives a reason (${JSON.stringify(block.reason)})` : ''}` +
          `${block.reason !== null && absent.length > 0 ? ' and ' : ''}${absent.length > 0 ? `lacks ${absent.join(', ')}` : ''}. ` +
          'A measured block has every measurement and reason: null; otherwise record measured: false with the reason.',
      });
    }
  } else {
    const present = MEASUREMENTS.filter((key) => block[key] !== null && block[key] !== undefined);
    if (block.reason === null || present.length > 0) {
      problems.push({
        code: 'invalid-field',
        path,
        message:
          `${path} says measured: false but ${block.reason === null ? 'gives no reason' : ''}` +
          `${block.reason === null && present.length > 0 ? ' and ' : ''}${present.length > 0 ? `carries ${present.join(', ')}` : ''}. ` +
          'An unmeasured block gives its reason and null for every measurement: nothing is guessed.',
      });
    }
  }
}

/** The texts that may be recorded cut, each with the field that gives its full length. */
const CUTS = [
  ['assent', 'accessibleName'],
  ['assent', 'visibleText'],
  ['acceptButton', 'label'],
  ['acceptButton', 'visibleText'],
] as const;

/** A `…FullLength` says its text was cut: it must be longer than what is recorded. */
function checkCuts(block: Json, problems: ReceiptProblem[]): void {
  for (const [part, field] of CUTS) {
    const owner = block[part];
    if (!isObject(owner)) continue;
    const full = owner[`${field}FullLength`];
    const text = owner[field];
    if (typeof full !== 'number' || typeof text !== 'string' || full > text.length) continue;
    const path = `presentation.${part}.${field}FullLength`;
    problems.push({
      code: 'invalid-field',
      path,
      message: `${path} is ${full}, but presentation.${part}.${field} holds ${text.length} characters: a full length is recorded only for a text cut shorter than it. Leave it out when the text is whole.`,
    });
  }
}
