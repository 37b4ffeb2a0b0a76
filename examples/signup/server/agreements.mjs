// The documents this server can serve: agreements/manifest.json lists them (the Terms, which
// every receipt names as its `agreement`, then the documents accepted with them, e.g. the privacy
// policy), each with its versions, oldest first, each with its file and the SHA-256 of its
// canonical text. A version, once served, must never change (receipts are verified against it),
// so loading checks every file of every document against the manifest and refuses to start when
// one was edited.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashAgreement, parseAgreement } from 'react-clickwrap/core';

export const AGREEMENTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../agreements');

/**
 * @typedef {object} AgreementVersion
 * @property {string} id
 * @property {string} version
 * @property {string} title
 * @property {string | null} effectiveDate
 * @property {string} markdown   the canonical text: exactly what is served, shown and hashed
 * @property {string} sha256
 * @property {number} index      position in the document's versions (0 = oldest)
 */

/**
 * One document of the manifest and its versions.
 * @typedef {object} DocumentCatalog
 * @property {string} id
 * @property {AgreementVersion[]} versions                 oldest first
 * @property {(version: string) => AgreementVersion | undefined} get
 */

/**
 * @typedef {object} AgreementCatalog
 * @property {string} id                                   the Terms' id: every receipt's `agreement`
 * @property {AgreementVersion[]} versions                 the Terms' versions, oldest first
 * @property {(version: string) => AgreementVersion | undefined} get   a version of the Terms
 * @property {DocumentCatalog[]} documents                 every document, the Terms first
 * @property {DocumentCatalog[]} additional                the documents accepted with the Terms (`additionalDocuments`)
 * @property {(id: string) => DocumentCatalog | undefined} document
 * @property {{ id: string, label: string }[]} callCenterCommitments
 * @property {{ id: string, label: string }[]} optionalConsents   offered with the Terms, never required
 */

/**
 * Loads and checks every version of every document of the manifest.
 * @param {string} [dir]
 * @returns {Promise<AgreementCatalog>}
 */
export async function loadAgreements(dir = AGREEMENTS_DIR) {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  /** @type {DocumentCatalog[]} */
  const documents = [];
  for (const doc of manifest.documents) {
    /** @type {AgreementVersion[]} */
    const versions = [];
    for (const [index, entry] of doc.versions.entries()) {
      const text = await readFile(path.join(dir, entry.file), 'utf8');
      const agreement = parseAgreement({
        id: doc.id,
        version: entry.version,
        markdown: text,
        language: doc.language ?? manifest.language,
        effectiveDate: entry.effectiveDate,
      });
      const sha256 = await hashAgreement(agreement.markdown);
      if (sha256 !== entry.sha256) {
        throw new Error(
          `${entry.file} does not match the SHA-256 recorded in agreements/manifest.json ` +
            `(${sha256} ≠ ${entry.sha256}). A served version must never change: publish the new ` +
            'text as a new version instead (see scripts/make-v2.mjs).',
        );
      }
      versions.push({
        id: agreement.id,
        version: agreement.version,
        title: agreement.title,
        effectiveDate: agreement.effectiveDate,
        markdown: agreement.markdown,
        sha256,
        index,
      });
    }
    if (versions.length === 0) throw new Error(`agreements/manifest.json: "${doc.id}" has no versions.`);
    const byVersion = new Map(versions.map((v) => [v.version, v]));
    documents.push({ id: doc.id, versions, get: (version) => byVersion.get(version) });
  }
  const ids = documents.map((d) => d.id);
  if (new Set(ids).size !== ids.length)
    throw new Error(`agreements/manifest.json lists a document twice (${ids.join(', ')}).`);
  const terms = documents.find((d) => d.id === manifest.agreement);
  if (!terms)
    throw new Error(
      `agreements/manifest.json: the agreement "${manifest.agreement}" is not among its documents.`,
    );
  const byId = new Map(documents.map((d) => [d.id, d]));

  const commitments = JSON.parse(await readFile(path.join(dir, 'call-center-commitments.json'), 'utf8'));
  for (const v of terms.versions) {
    for (const c of commitments.items) {
      if (!v.markdown.includes(c.label)) {
        throw new Error(
          `call-center-commitments.json: "${c.id}" is not word for word in ${v.id} ${v.version}. ` +
            'Acknowledgement labels must quote the agreement (section III 2.4, items 1 to 6).',
        );
      }
    }
  }
  const optional = JSON.parse(await readFile(path.join(dir, 'optional-consents.json'), 'utf8'));
  return {
    id: terms.id,
    versions: terms.versions,
    get: terms.get,
    documents: [terms, ...documents.filter((d) => d !== terms)],
    additional: documents.filter((d) => d !== terms),
    document: (id) => byId.get(id),
    callCenterCommitments: commitments.items,
    optionalConsents: optional.items,
  };
}
