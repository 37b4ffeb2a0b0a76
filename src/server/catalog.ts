/**
 * The documents a server serves, each version parsed and hashed once at start: every request
 * then compares against a stored hash instead of re-hashing the text.
 */
import { blocksOf } from '../core/agreement/blocks';
import { hashAgreement, parseAgreement, type KeyClause } from '../core/index';

/** One version of a document, as the app passes it. */
export interface DocumentVersionInput {
  /** The version id, e.g. `"2025-06-01"`. */
  version: string;
  /** The text served (markdown); hashed as the client hashes it. */
  markdown: string;
  /** The title; defaults to the first heading. */
  title?: string;
  /** When it takes effect, `YYYY-MM-DD`. */
  effectiveDate?: string;
}

/** A document the server serves, with every version it has ever served (receipts may name any). */
export interface DocumentInput {
  /** The document id, e.g. `"instadesk-terms"`. */
  id: string;
  /** Every version served so far, oldest first; the last is current unless `current` says otherwise. */
  versions: readonly DocumentVersionInput[];
  /** The current version. @default the last of `versions` */
  current?: string;
  /**
   * What the server requires to have been read before accepting, whatever the receipt claims:
   * `whole` (to the end), `changes` (in a re-consent, every changed passage, or the end), `none`.
   * @default "whole"
   */
  reading?: 'whole' | 'changes' | 'none';
  /** For an additional document: whether a consent must include it (unless its current version was accepted before). @default true */
  required?: boolean;
}

/** A labelled checkbox the server offers (an acknowledgement or an optional consent). */
export interface OfferedItem {
  /** Stable id. */
  id: string;
  /** The label, word for word as shown. */
  label: string;
}

/** What {@link createCatalog} takes. */
export interface CatalogInput {
  /** The main agreement (e.g. the Terms): every receipt names it. */
  agreement: DocumentInput;
  /** Documents accepted with it (e.g. a privacy policy). @default [] */
  additional?: readonly DocumentInput[];
  /** Acknowledgements a receipt may carry (e.g. the six call-center commitments). @default [] */
  acknowledgements?: readonly OfferedItem[];
  /** Optional consents offered (e.g. marketing e-mail). @default [] */
  optionalConsents?: readonly OfferedItem[];
}

/** A served version, hashed once. */
export interface ServedVersion {
  /** The document id. */
  id: string;
  /** The version id. */
  version: string;
  /** The title. */
  title: string;
  /** SHA-256 of the canonical text. */
  sha256: string;
  /** The text served. */
  markdown: string;
  /** When it takes effect, or null. */
  effectiveDate: string | null;
  /** The ids of its key clauses: a receipt may list only these as seen. */
  keyClauseIds: ReadonlySet<string>;
  /** Its key clauses that have a plain-language summary: a receipt's `summaries` hash is checked against them. */
  summarised: readonly KeyClause[];
}

/** A served document. */
export interface ServedDocument {
  /** The document id. */
  id: string;
  /** Whether it is the main agreement. */
  primary: boolean;
  /** Whether a consent must include it. */
  required: boolean;
  /** The server's reading requirement. */
  reading: 'whole' | 'changes' | 'none';
  /** Versions by id, in the order served. */
  versions: ReadonlyMap<string, ServedVersion>;
  /** The current version. */
  current: ServedVersion;
}

/** The documents, acknowledgements and optional consents a server serves. */
export interface AgreementCatalog {
  /** The main agreement. */
  agreement: ServedDocument;
  /** Every document, the main agreement first. */
  documents: readonly ServedDocument[];
  /** A document by id, or undefined. */
  document(id: string): ServedDocument | undefined;
  /** Acknowledgements offered, by id. */
  acknowledgements: ReadonlyMap<string, string>;
  /** Optional consents offered, by id. */
  optionalConsents: ReadonlyMap<string, string>;
}

/** The ids of each version's blocks, for the versions createCatalog made (./served-limits.ts). */
const BLOCK_IDS = new WeakMap<ServedVersion, readonly string[]>();

/** The ids of `version`'s blocks (each a passage a re-consent may name as changed), or null if createCatalog did not make it. */
export function blockIdsOf(version: ServedVersion): readonly string[] | null {
  return BLOCK_IDS.get(version) ?? null;
}

async function serveDocument(input: DocumentInput, primary: boolean): Promise<ServedDocument> {
  if (!input?.id || !Array.isArray(input.versions) || input.versions.length === 0) {
    throw new TypeError(
      `createCatalog: document ${JSON.stringify(input?.id)} needs an id and at least one version.`,
    );
  }
  const versions = new Map<string, ServedVersion>();
  for (const v of input.versions) {
    if (versions.has(v.version))
      throw new TypeError(`createCatalog: ${input.id} lists version "${v.version}" twice.`);
    const parsed = parseAgreement({ id: input.id, version: v.version, markdown: v.markdown, title: v.title });
    const served: ServedVersion = {
      id: input.id,
      version: v.version,
      title: parsed.title,
      // The text shown: without its plain-language summaries section, which is hashed apart.
      sha256: await hashAgreement(parsed.markdown),
      markdown: v.markdown,
      effectiveDate: v.effectiveDate ?? null,
      keyClauseIds: new Set(parsed.keyClauses.map((c) => c.id)),
      summarised: parsed.keyClauses.filter((c) => c.summary),
    };
    versions.set(v.version, served);
    // Its blocks from the tree just parsed (no second parse): what a reading may list.
    BLOCK_IDS.set(
      served,
      blocksOf(parsed).map((b) => b.id),
    );
  }
  const currentId = input.current ?? input.versions.at(-1)!.version;
  const current = versions.get(currentId);
  if (!current)
    throw new TypeError(
      `createCatalog: ${input.id}'s current version "${currentId}" is not among its versions.`,
    );
  return {
    id: input.id,
    primary,
    required: primary || input.required !== false,
    reading: input.reading ?? 'whole',
    versions,
    current,
  };
}

/**
 * Parses and hashes every version once. Throws a TypeError naming the document when the input
 * is unusable (no versions, a repeated version, a current version that is not listed).
 */
export async function createCatalog(input: CatalogInput): Promise<AgreementCatalog> {
  const agreement = await serveDocument(input.agreement, true);
  const additional = await Promise.all((input.additional ?? []).map((d) => serveDocument(d, false)));
  const documents = [agreement, ...additional];
  const byId = new Map(documents.map((d) => [d.id, d]));
  if (byId.size !== documents.length) throw new TypeError('createCatalog: two documents share an id.');
  const items = (list: readonly OfferedItem[] = []) => new Map(list.map((i) => [i.id, i.label]));
  return {
    agreement,
    documents,
    document: (id) => byId.get(id),
    acknowledgements: items(input.acknowledgements),
    optionalConsents: items(input.optionalConsents),
  };
}
