'use client';

/**
 * One snapshot of a clickwrap (what was shown and read, and the reducer's state) and what is
 * derived from it: the rule state the gate (./gate.ts) checks, the readings, and the decline
 * record. The receipt input (checked by `createReceipt` against the same rules) is made from the
 * same snapshot by ./make-receipt.ts, loaded on demand. Pure: no React, no clock (times are
 * passed in), so the gate and the receipt can be replayed together in a property test. No
 * messages either: the receipt maker imports this.
 */
import { normalizeSignerName, type RequirementsState } from '../../core/receipt/rules';
import { randomUuid } from '../../core/internal/ids';
import { warnOnce } from '../../internal/dev';
import type {
  Agreement,
  ReadingRequirement,
  ReceiptAge,
  ReceiptGuardian,
  ReceiptMinor,
  ReceiptReading,
} from '../../core/types';
import type { DocumentReading } from '../use-document-reading';
import type { ClickwrapState } from './reducer';
import type {
  ClickwrapAcknowledgement,
  ClickwrapDocument,
  ClickwrapOptionalConsent,
  DeclineRecord,
} from './types';

/** The age gate and guardian as one snapshot sees them. */
export interface ClickwrapGuardianSnapshot {
  /** The gate's state, as the one rule set reads it. */
  gate: NonNullable<RequirementsState['guardian']>;
  /** The age check made, or null before it is known. */
  age: ReceiptAge | null;
  /** The guardian and minor the receipt records (both null unless a guardian is required). */
  toReceipt: () => {
    guardian: (Omit<ReceiptGuardian, 'verification'> & { verification?: string | null }) | null;
    minor: ReceiptMinor | null;
  };
}

/** Everything the gate, the receipt and the decline record are made from, as of one render. */
export interface ClickwrapSnapshot {
  agreement: Agreement;
  /** What has been read of the agreement. */
  reading: DocumentReading;
  requireScrollToEnd: boolean;
  requireAllKeyClausesSeen: boolean;
  changes: { seen: readonly string[]; total: number; required?: boolean } | null;
  documents: readonly ClickwrapDocument[];
  guardian: ClickwrapGuardianSnapshot | null;
  /** Whether the organisation is asked for. */
  organization: boolean;
  acknowledgements: readonly ClickwrapAcknowledgement[];
  optionalConsents: readonly ClickwrapOptionalConsent[];
  state: ClickwrapState;
  signer: { id: string; name?: string | null };
  locale: string;
  uiVariant: string;
  replaces: { version: string; receiptId?: string | null; changeKind?: 'material' | 'minor' } | null;
}

/** What reading the agreement requires: the changes (a re-consent asking for them), the whole, or nothing. */
export function agreementRequirement(s: ClickwrapSnapshot): ReadingRequirement {
  return s.changes?.required ? 'changes' : s.requireScrollToEnd ? 'whole' : 'none';
}

const documentRequirement = (doc: ClickwrapDocument): ReadingRequirement =>
  (doc.requireScrollToEnd ?? true) ? 'whole' : 'none';

/** The state the one rule set decides on. */
export function requirementsState(s: ClickwrapSnapshot): RequirementsState {
  const changes = s.changes ?? null;
  return {
    documents: [
      {
        id: s.agreement.id,
        required: agreementRequirement(s),
        reachedEnd: s.reading.reachedEnd,
        requireAllKeyClausesSeen: s.requireAllKeyClausesSeen,
        keyClausesSeen: new Set(s.reading.keyClausesSeen).size,
        keyClausesTotal: s.agreement.keyClauses.length,
        changesSeen: changes ? new Set(changes.seen).size : 0,
        changesTotal: changes?.total ?? 0,
      },
      ...s.documents.map((doc) => ({
        id: doc.agreement.id,
        required: documentRequirement(doc),
        reachedEnd: doc.reading.reachedEnd,
        requireAllKeyClausesSeen: doc.requireAllKeyClausesSeen ?? false,
        keyClausesSeen: new Set(doc.reading.keyClausesSeen).size,
        keyClausesTotal: doc.agreement.keyClauses.length,
      })),
    ],
    guardian: s.guardian?.gate ?? null,
    organization: s.organization
      ? { name: s.state.organizationName, signerAuthority: s.state.signerAuthority }
      : null,
    acknowledgements: s.acknowledgements.map((ack) => ack.id),
    acknowledged: s.state.acknowledged,
    assented: s.state.assented,
  };
}

/** A document's reading as the receipt records it; `now` stands in for an end reached but not yet timed. */
function receiptReading(
  reading: DocumentReading,
  required: ReadingRequirement,
  keyClausesTotal: number,
  changes: { seen: readonly string[]; total: number } | null,
  now: Date,
): ReceiptReading {
  return {
    required,
    reachedEnd: reading.reachedEnd,
    // Reached but not yet timed (reached from the start, in the one render before its time is
    // taken): it was reached by now at the latest.
    reachedEndAt: reading.reachedEnd ? (reading.reachedEndAt ?? now).toISOString() : null,
    keyClausesSeen: [...new Set(reading.keyClausesSeen)],
    keyClausesTotal,
    changesSeen: changes ? [...new Set(changes.seen)] : [],
    changesTotal: changes?.total ?? 0,
  };
}

/** Every document's reading, as the receipt and the decline record give it. */
export function readings(s: ClickwrapSnapshot, now: Date) {
  return {
    reading: receiptReading(
      s.reading,
      agreementRequirement(s),
      s.agreement.keyClauses.length,
      s.changes,
      now,
    ),
    documents: s.documents.map((doc) => ({
      agreement: doc.agreement,
      reading: receiptReading(
        doc.reading,
        documentRequirement(doc),
        doc.agreement.keyClauses.length,
        null,
        now,
      ),
      replaces: doc.replaces ?? null,
    })),
  };
}

/**
 * The signer's name on a decline. A decline is recorded whatever the name (the person said no,
 * and that must not be lost to a prop of the wrong type), so a name that is not a string is left
 * out, and said in development; an accept refuses it (`createReceipt`'s shape check).
 */
function declineName(name: unknown): string | null {
  if (name === undefined || name === null || typeof name === 'string') return normalizeSignerName(name);
  if (process.env.NODE_ENV !== 'production') {
    warnOnce(
      `useClickwrap: signer.name must be a string or null, not ${typeof name}: the decline was ` +
        'recorded without a name, and an accept is refused. Pass the display name as a string.',
    );
  }
  return null;
}

/** A decline's id: a random UUID (empty where no crypto exists: the app then names it itself). */
function declineId(): string {
  return randomUuid() ?? '';
}

/** What `decline()` records: what was shown and read, and the undelivered receipt it takes back. */
export function buildDeclineRecord(
  s: ClickwrapSnapshot,
  shown: { shownAt: Date; sha256: string | null },
  declinedAt: Date,
  undeliveredReceiptId: string | null = null,
): DeclineRecord {
  const { reading, documents } = readings(s, declinedAt);
  return {
    id: declineId(),
    agreement: {
      id: s.agreement.id,
      version: s.agreement.version,
      title: s.agreement.title,
      sha256: shown.sha256,
      canonicalization: s.agreement.canonicalization,
    },
    shownAt: shown.shownAt.toISOString(),
    declinedAt: declinedAt.toISOString(),
    signer: { id: s.signer.id, name: declineName(s.signer.name) },
    reading,
    locale: s.locale,
    uiVariant: s.uiVariant,
    replaces: s.replaces ? { version: s.replaces.version, receiptId: s.replaces.receiptId ?? null } : null,
    additionalDocuments: documents.map((doc) => ({
      id: doc.agreement.id,
      version: doc.agreement.version,
      title: doc.agreement.title,
      reading: doc.reading,
    })),
    undeliveredReceiptId,
  };
}
