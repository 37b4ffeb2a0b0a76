/**
 * What accepting needs and nothing before it: the receipt input and `createReceipt` (its shape
 * and consistency checks, canonicalisation and hashing). Loaded on demand by ./receipt-maker.ts
 * (preloaded after mount), so the first load of an app using the hooks carries none of it. The
 * presentation measurement is not here: it must run at the click, loaded or not. Pure at import.
 */
import { hashAgreement } from '../../core/hash';
import { fitPresentation } from '../../core/presentation/fit';
import { RECEIPT_BOUNDS, receiptOverBounds, type TextFault } from '../../core/receipt/bounds';
import { createReceipt } from '../../core/receipt/create';
import { warnOnce } from '../../internal/dev';
import type { CreateReceiptInput } from '../../core/receipt/types';
import type { ConsentReceipt } from '../../core/types';
import type { ReceiptPresentation } from '../../core/presentation/types';
import { readings, requirementsState, type ClickwrapSnapshot } from './receipt';

export { hashAgreement };

/**
 * The input for `createReceipt`, with `requirements` taken from the same snapshot as the gate:
 * `createReceipt` refuses exactly what the gate refuses.
 */
export function buildReceiptInput(
  s: ClickwrapSnapshot,
  times: { shownAt: Date; acceptedAt: Date },
): CreateReceiptInput {
  const rules = requirementsState(s);
  const { reading, documents } = readings(s, times.acceptedAt);
  const guardian = s.guardian ? s.guardian.toReceipt() : { guardian: null, minor: null };
  return {
    agreement: s.agreement,
    shownAt: times.shownAt,
    acceptedAt: times.acceptedAt,
    // As given: createReceipt trims it, and refuses one that is not a string with a clear error.
    signer: { id: s.signer.id, name: s.signer.name },
    organization: s.organization
      ? { name: s.state.organizationName.trim(), signerAuthority: s.state.signerAuthority.trim() }
      : null,
    guardian: guardian.guardian,
    minor: guardian.minor,
    age: guardian.minor ? { ...guardian.minor, guardianRequired: true } : (s.guardian?.age ?? null),
    acknowledgements: s.acknowledgements.flatMap((ack) => {
      const at = s.state.acknowledged[ack.id];
      return at ? [{ id: ack.id, label: ack.label, at }] : [];
    }),
    optionalConsents: s.optionalConsents.map((consent) => {
      const given = s.state.optional[consent.id];
      return {
        id: consent.id,
        label: consent.label,
        granted: given?.granted ?? false,
        at: given?.at ?? null,
      };
    }),
    reading,
    locale: s.locale,
    uiVariant: s.uiVariant,
    replaces: s.replaces,
    additionalDocuments: documents,
    requirements: {
      assented: rules.assented,
      acknowledgements: rules.acknowledgements,
      allKeyClausesSeen: rules.documents.filter((d) => d.requireAllKeyClausesSeen).map((d) => d.id),
      organization: s.organization,
      guardian: rules.guardian,
    },
  };
}

/**
 * The receipt for an accept: `createReceipt` over the snapshot the gate passed, with the
 * presentation measured at the click, its texts cut to what the default server accepts (and
 * marked as cut). Rejects (a `ReceiptError`) exactly where the gate would.
 */
export async function makeReceipt(
  s: ClickwrapSnapshot,
  times: { shownAt: Date; acceptedAt: Date },
  presentation: ReceiptPresentation,
): Promise<ConsentReceipt> {
  const receipt = await createReceipt({
    ...buildReceiptInput(s, times),
    presentation: fitPresentation(presentation),
  });
  if (process.env.NODE_ENV !== 'production') warnOverBounds(receipt);
  return receipt;
}

/** Where each bound is set on the server, and what the app can do about a field over it. */
const OVER: Record<'maxStringLength' | 'maxArrayLength' | 'maxBodyBytes', (size: number) => string> = {
  maxStringLength: (size) =>
    `is ${size} characters long, over the ${RECEIPT_BOUNDS.maxStringLength} that react-clickwrap/server accepts by default (limits.maxStringLength)`,
  maxArrayLength: (size) =>
    `has ${size} items, over the ${RECEIPT_BOUNDS.maxArrayLength} that react-clickwrap/server accepts by default (limits.maxArrayLength)`,
  maxBodyBytes: (size) =>
    `is ${size} bytes of JSON, over the ${RECEIPT_BOUNDS.maxBodyBytes} that react-clickwrap/server accepts by default (limits.maxBodyBytes)`,
};

/** What the app can do about a field over a bound. */
const SHORTEN =
  'Shorten what the app passes for it, or, if your server accepts more, raise its `limits` to match.';

/** What a field holding what is not text holds, and what the app can do about it. */
const NOT_TEXT_SAID: Record<TextFault['kind'], (fault: TextFault) => [string, string]> = {
  nul: (f) => [
    `holds a NUL character (U+0000, at position ${f.index})`,
    'Remove it from what the app passes.',
  ],
  'lone-surrogate': (f) => [
    `holds a lone surrogate (\\u${f.unit.toString(16)} at position ${f.index}), half of a character (an emoji cut in two, say)`,
    'Pass whole characters: where the app shortens a text, cut it between characters (by code points, as Array.from(text) counts them), never inside one.',
  ],
};

/**
 * Development only: names every field of the receipt that the default server would refuse. They
 * are the app's own values (the signer, labels, uiVariant, an agreement's title or its key
 * clauses), so nothing here may shorten or mend them: the receipt records them as given, and the
 * app fixes them, or its server's limits, before a consent is lost in production.
 */
function warnOverBounds(receipt: ConsentReceipt): void {
  for (const over of receiptOverBounds(receipt)) {
    const [what, fix, refused] =
      over.bound === 'text'
        ? [...NOT_TEXT_SAID[over.fault.kind](over.fault), '(400 invalid-text)']
        : [OVER[over.bound](over.size), SHORTEN, 'with its default limits (413)'];
    warnOnce(
      `useClickwrap: the consent receipt's ${over.path ? `\`${over.path}\`` : 'JSON'} ${what}, so ` +
        `createClickwrapHandler refuses this receipt ${refused} and the person's consent cannot ` +
        `be stored. ${fix}`,
    );
  }
}
