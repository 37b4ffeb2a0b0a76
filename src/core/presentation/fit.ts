/**
 * Measured texts, cut to what a receipt can carry. A page may show an assent statement, or name
 * its Accept button, at any length; the default server refuses a string longer than
 * `RECEIPT_BOUNDS.maxStringLength`, and the consent would be collected but never stored. So each
 * measured text keeps its first characters up to the bound, and the receipt says it was cut and
 * how long it was (`…FullLength`): nothing is recorded that was not shown, and nothing cut is
 * passed off as whole (`checkPresentation` reads a cut text as a beginning, not as all there was).
 *
 * The server also refuses, in any string, a NUL or a lone surrogate (`textFault`), which a page
 * can show when set from JS (an app's own truncation cutting an emoji in half). Chromium draws
 * one character for each, a lone surrogate as U+FFFD and a NUL as a box as for any control
 * character (receipt-bounds.browser.test.tsx measures it), so each is recorded as U+FFFD, the
 * character for one that cannot be represented: in its place, and the same length as measured.
 */
import { NOT_TEXT, RECEIPT_BOUNDS } from '../receipt/bounds';
import type { ReceiptPresentation } from './types';

/** At most this many characters of the button's visible text are recorded: a label is a few words. */
export const MAX_BUTTON_TEXT = 200;

/**
 * `text`'s first characters, at most `max` UTF-16 code units, never half of a surrogate pair;
 * with its full length when it was cut. Each NUL and lone surrogate is U+FFFD.
 */
export function fitText(measured: string, max: number): { text: string; fullLength?: number } {
  const text = measured.replace(NOT_TEXT, '\ufffd');
  if (text.length <= max) return { text };
  // Cut before a low surrogate whose high half would be the last unit kept.
  const end =
    /[\udc00-\udfff]/.test(text.charAt(max)) && /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return { text: text.slice(0, end), fullLength: text.length };
}

/**
 * `presentation` with every measured text fitting `maxStringLength` (the button's visible text
 * {@link MAX_BUTTON_TEXT}), each cut one recorded with its full length. Idempotent: a block
 * already fitted is returned as it is.
 */
export function fitPresentation(
  presentation: ReceiptPresentation,
  maxStringLength: number = RECEIPT_BOUNDS.maxStringLength,
): ReceiptPresentation {
  const { assent, acceptButton: button } = presentation;
  const fitted = { ...presentation };
  if (assent) {
    const name = fitText(assent.accessibleName, maxStringLength);
    const seen = fitText(assent.visibleText, maxStringLength);
    fitted.assent = {
      ...assent,
      accessibleName: name.text,
      ...(name.fullLength === undefined ? {} : { accessibleNameFullLength: name.fullLength }),
      visibleText: seen.text,
      ...(seen.fullLength === undefined ? {} : { visibleTextFullLength: seen.fullLength }),
    };
  }
  if (button) {
    const label = fitText(button.label, maxStringLength);
    const seen =
      typeof button.visibleText === 'string'
        ? fitText(button.visibleText, Math.min(MAX_BUTTON_TEXT, maxStringLength))
        : null;
    fitted.acceptButton = {
      ...button,
      label: label.text,
      ...(label.fullLength === undefined ? {} : { labelFullLength: label.fullLength }),
      ...(seen ? { visibleText: seen.text } : {}),
      ...(seen?.fullLength === undefined ? {} : { visibleTextFullLength: seen.fullLength }),
    };
  }
  return fitted;
}
