// The agreement versions this server can serve: agreements/manifest.json lists them, oldest
// first, each with its file and the SHA-256 of its canonical text. A version, once served, must
// never change (receipts are verified against it), so loading checks every file against the
// manifest and refuses to start when one was edited.
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
 * @property {number} index      position in the manifest (0 = oldest)
 */

/**
 * @typedef {object} AgreementCatalog
 * @property {string} id
 * @property {AgreementVersion[]} versions                 oldest first
 * @property {(version: string) => AgreementVersion | undefined} get
 * @property {{ id: string, label: string }[]} callCenterCommitments
 */

/**
 * Loads and checks every version of the manifest.
 * @param {string} [dir]
 * @returns {Promise<AgreementCatalog>}
 */
export async function loadAgreements(dir = AGREEMENTS_DIR) {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  /** @type {AgreementVersion[]} */
  const versions = [];
  for (const [index, entry] of manifest.versions.entries()) {
    const text = await readFile(path.join(dir, entry.file), 'utf8');
    const agreement = parseAgreement({
      id: manifest.id,
      version: entry.version,
      markdown: text,
      language: manifest.language,
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
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const commitments = JSON.parse(await readFile(path.join(dir, 'call-center-commitments.json'), 'utf8'));
  for (const v of versions) {
    for (const c of commitments.items) {
      if (!v.markdown.includes(c.label)) {
        throw new Error(
          `call-center-commitments.json: "${c.id}" is not word for word in ${v.id} ${v.version}. ` +
            'Acknowledgement labels must quote the agreement (section III 2.4, items 1 to 6).',
        );
      }
    }
  }
  return {
    id: manifest.id,
    versions,
    get: (version) => byVersion.get(version),
    callCenterCommitments: commitments.items,
  };
}
