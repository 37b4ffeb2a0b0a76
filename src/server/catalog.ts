/**
 * The documents a server serves, each version parsed and hashed once at start: every request
 * then compares against a stored hash instead of re-hashing the text.
 */
import { blocksOf } from '../core/agreement/blocks';
import { hashAgreement, parseAgreement, type KeyClause } from '../core/index';
import { refuseUnknownOptions, unknownOption } from './unknown-options';

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

const CATALOG_KEYS = ['agreement', 'additional', 'acknowledgements', 'optionalConsents'];
const DOCUMENT_KEYS = ['id', 'versions', 'current', 'reading', 'required'];
const VERSION_KEYS = ['version', 'markdown', 'title', 'effectiveDate'];
const READINGS: readonly string[] = ['whole', 'changes', 'none'];

const quoted = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');

/** Throws a TypeError naming what in a document's input the server would misread. */
function checkDocument(input: DocumentInput): void {
  const unknown = unknownOption(input, DOCUMENT_KEYS);
  if (unknown !== undefined)
    throw new TypeError(
      `createCatalog: document ${input.id} has an unknown option ${JSON.stringify(unknown)} (it takes ${DOCUMENT_KEYS.join(', ')}).`,
    );
  if (input.reading !== undefined && !READINGS.includes(input.reading))
    throw new TypeError(
      `createCatalog: ${input.id}'s reading ${JSON.stringify(input.reading)} is not one of ${quoted(READINGS)}.`,
    );
  for (const v of input.versions) {
    const unknownInVersion = unknownOption(v, VERSION_KEYS);
    if (unknownInVersion !== undefined)
      throw new TypeError(
        `createCatalog: ${input.id} version ${JSON.stringify(v.version)} has an unknown option ${JSON.stringify(unknownInVersion)} (it takes ${VERSION_KEYS.join(', ')}).`,
      );
    if (v?.effectiveDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(v.effectiveDate)))
      throw new TypeError(
        `createCatalog: ${input.id} version ${JSON.stringify(v.version)} has effectiveDate ${JSON.stringify(v.effectiveDate)}: give a date as YYYY-MM-DD.`,
      );
  }
}

/** The offered items by id; throws a TypeError for one without an id or a label, or listed twice. */
function offered(list: readonly OfferedItem[] = [], name: string): ReadonlyMap<string, string> {
  const items = new Map<string, string>();
  list.forEach((item, i) => {
    if (typeof item?.id !== 'string' || item.id === '' || typeof item.label !== 'string' || item.label === '')
      throw new TypeError(`createCatalog: ${name}[${i}] needs an id and its label, word for word as shown.`);
    if (items.has(item.id))
      throw new TypeError(`createCatalog: ${name} lists ${JSON.stringify(item.id)} twice.`);
    items.set(item.id, item.label);
  });
  return items;
}

async function serveDocument(input: DocumentInput, primary: boolean): Promise<ServedDocument> {
  if (!input?.id || !Array.isArray(input.versions) || input.versions.length === 0) {
    throw new TypeError(
      `createCatalog: document ${JSON.stringify(input?.id)} needs an id and at least one version.`,
    );
  }
  checkDocument(input);
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
 * Parses and hashes every version once. Throws a TypeError naming the document or item when the
 * input is unusable (no versions, a repeated version, a current version that is not listed, a
 * reading it does not know, an item listed twice) or holds an option it does not know.
 */
export async function createCatalog(input: CatalogInput): Promise<AgreementCatalog> {
  refuseUnknownOptions('createCatalog', input, CATALOG_KEYS);
  const acknowledgements = offered(input?.acknowledgements, 'acknowledgements');
  const optionalConsents = offered(input?.optionalConsents, 'optionalConsents');
  const agreement = await serveDocument(input.agreement, true);
  const additional = await Promise.all((input.additional ?? []).map((d) => serveDocument(d, false)));
  const documents = [agreement, ...additional];
  const byId = new Map(documents.map((d) => [d.id, d]));
  if (byId.size !== documents.length) throw new TypeError('createCatalog: two documents share an id.');
  return { agreement, documents, document: (id) => byId.get(id), acknowledgements, optionalConsents };
}
