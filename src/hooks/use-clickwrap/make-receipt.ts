/**
 * What accepting needs and nothing before it: the receipt input and `createReceipt` (its shape
 * and consistency checks, canonicalisation and hashing). Loaded on demand by ./receipt-maker.ts
 * (preloaded after mount), so the first load of an app using the hooks carries none of it. The
 * presentation measurement is not here: it must run at the click, loaded or not. Pure at import.
 */
import { hashAgreement } from '../../core/hash';
import { createReceipt } from '../../core/receipt/create';
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
 * presentation measured at the click. Rejects (a `ReceiptError`) exactly where the gate would.
 */
export function makeReceipt(
  s: ClickwrapSnapshot,
  times: { shownAt: Date; acceptedAt: Date },
  presentation: ReceiptPresentation,
): Promise<ConsentReceipt> {
  return createReceipt({ ...buildReceiptInput(s, times), presentation });
}
