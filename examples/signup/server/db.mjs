// The consent store: one SQLite file (better-sqlite3, WAL), created on first use.
//
// A receipt is stored as it was verified (`receipt_json`, serialised by `serializeReceipt`), with
// the columns a query needs beside it and the server's own clock (`received_at`). The receipt id
// is the primary key: delivering the same receipt again finds the stored row instead of adding
// one, which is what makes the client's retries safe. Beside each consent, one row per document it
// accepts (`consent_documents`: the Terms and, e.g., the privacy policy) and one per optional
// consent it records (`consent_options`, granted or not), written in the same transaction.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const SCHEMA_VERSION = 2;

/** The migrations, in order: `MIGRATIONS[n]` takes a database from schema version n to n + 1. */
export const MIGRATIONS = [
  // 1: accounts, consents, declines, publications.
  `
  CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE consents (
    receipt_id   TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (account_id),
    agreement_id TEXT NOT NULL,
    version      TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    accepted_at  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    receipt_json TEXT NOT NULL
  ) STRICT;
  CREATE INDEX consents_by_account ON consents (account_id, agreement_id, version);

  CREATE TABLE declines (
    decline_id   TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (account_id),
    agreement_id TEXT NOT NULL,
    version      TEXT NOT NULL,
    sha256       TEXT,
    declined_at  TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    record_json  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX declines_by_account ON declines (account_id, agreement_id, version);

  CREATE TABLE publications (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    agreement_id TEXT NOT NULL,
    version      TEXT NOT NULL,
    published_at TEXT NOT NULL
  ) STRICT;
  `,
  // 2: the documents each consent accepts and its optional consents, filled from the receipts
  // already stored. `required` is NULL for a receipt that predates `reading.required`.
  `
  CREATE TABLE consent_documents (
    receipt_id  TEXT NOT NULL REFERENCES consents (receipt_id),
    position    INTEGER NOT NULL,
    document_id TEXT NOT NULL,
    version     TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    required    TEXT CHECK (required IN ('whole', 'changes', 'none')),
    reached_end INTEGER NOT NULL CHECK (reached_end IN (0, 1)),
    PRIMARY KEY (receipt_id, document_id)
  ) STRICT;
  CREATE INDEX consent_documents_by_document ON consent_documents (document_id, version);

  CREATE TABLE consent_options (
    receipt_id TEXT NOT NULL REFERENCES consents (receipt_id),
    option_id  TEXT NOT NULL,
    label      TEXT NOT NULL,
    granted    INTEGER NOT NULL CHECK (granted IN (0, 1)),
    at         TEXT,
    PRIMARY KEY (receipt_id, option_id)
  ) STRICT;
  CREATE INDEX consent_options_by_option ON consent_options (option_id, granted);

  INSERT INTO consent_documents (receipt_id, position, document_id, version, sha256, required, reached_end)
    SELECT receipt_id, 0, agreement_id, version, sha256,
           json_extract(receipt_json, '$.reading.required'),
           coalesce(json_extract(receipt_json, '$.reading.reachedEnd'), 0)
    FROM consents;
  INSERT INTO consent_documents (receipt_id, position, document_id, version, sha256, required, reached_end)
    SELECT c.receipt_id, d.key + 1, json_extract(d.value, '$.id'), json_extract(d.value, '$.version'),
           json_extract(d.value, '$.sha256'), json_extract(d.value, '$.reading.required'),
           coalesce(json_extract(d.value, '$.reading.reachedEnd'), 0)
    FROM consents AS c, json_each(c.receipt_json, '$.additionalDocuments') AS d;
  INSERT INTO consent_options (receipt_id, option_id, label, granted, at)
    SELECT c.receipt_id, json_extract(o.value, '$.id'), json_extract(o.value, '$.label'),
           json_extract(o.value, '$.granted'), json_extract(o.value, '$.at')
    FROM consents AS c, json_each(c.receipt_json, '$.optionalConsents') AS o;
  `,
];

/**
 * @typedef {object} ConsentRow
 * @property {string} receipt_id
 * @property {string} account_id
 * @property {string} agreement_id
 * @property {string} version
 * @property {string} sha256
 * @property {string} accepted_at
 * @property {string} received_at
 * @property {string} receipt_json
 */

/**
 * A document a consent accepts: position 0 is the receipt's `agreement` (the Terms), then its
 * `additionalDocuments` in order.
 * @typedef {object} ConsentDocumentRow
 * @property {string} receipt_id
 * @property {number} position
 * @property {string} document_id
 * @property {string} version
 * @property {string} sha256
 * @property {'whole' | 'changes' | 'none' | null} required
 * @property {0 | 1} reached_end
 */

/**
 * An optional consent a receipt records, granted or not; `at` is null when left unticked.
 * @typedef {object} ConsentOptionRow
 * @property {string} receipt_id
 * @property {string} option_id
 * @property {string} label
 * @property {0 | 1} granted
 * @property {string | null} at
 */

/**
 * @typedef {object} AccountRow
 * @property {string} account_id
 * @property {string} email
 * @property {string} name
 * @property {'person' | 'organization'} kind
 * @property {string} created_at
 */

/**
 * Opens (creating if needed) the database file and prepares every statement.
 * @param {string} file a path, or ':memory:'
 */
export function openStore(file) {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // With WAL, NORMAL is durable across application crashes; an OS crash may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');

  const version = /** @type {number} */ (db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new Error(`${file} has schema version ${version}; this server knows ${SCHEMA_VERSION}.`);
  }
  db.transaction(() => {
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] ?? '');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();

  const s = {
    insertAccount: db.prepare(
      `INSERT INTO accounts (account_id, email, name, kind, created_at)
       VALUES (@account_id, @email, @name, @kind, @created_at)`,
    ),
    accountById: db.prepare('SELECT * FROM accounts WHERE account_id = ?'),
    accountByEmail: db.prepare('SELECT * FROM accounts WHERE email = ?'),
    insertConsent: db.prepare(
      `INSERT INTO consents (receipt_id, account_id, agreement_id, version, sha256, accepted_at, received_at, receipt_json)
       VALUES (@receipt_id, @account_id, @agreement_id, @version, @sha256, @accepted_at, @received_at, @receipt_json)
       ON CONFLICT (receipt_id) DO NOTHING`,
    ),
    consentById: db.prepare('SELECT * FROM consents WHERE receipt_id = ?'),
    insertDocument: db.prepare(
      `INSERT INTO consent_documents (receipt_id, position, document_id, version, sha256, required, reached_end)
       VALUES (@receipt_id, @position, @document_id, @version, @sha256, @required, @reached_end)`,
    ),
    insertOption: db.prepare(
      `INSERT INTO consent_options (receipt_id, option_id, label, granted, at)
       VALUES (@receipt_id, @option_id, @label, @granted, @at)`,
    ),
    // The account's accepted documents, the newest decision first (the person's clock, then ours).
    documentsOf: db.prepare(
      `SELECT d.*, c.accepted_at FROM consent_documents AS d JOIN consents AS c USING (receipt_id)
       WHERE c.account_id = ? AND d.document_id = ?
       ORDER BY c.accepted_at DESC, c.received_at DESC, c.rowid DESC`,
    ),
    documentsOfReceipt: db.prepare('SELECT * FROM consent_documents WHERE receipt_id = ? ORDER BY position'),
    optionsOfReceipt: db.prepare('SELECT * FROM consent_options WHERE receipt_id = ? ORDER BY rowid'),
    optionsOf: db.prepare(
      `SELECT o.* FROM consent_options AS o JOIN consents AS c USING (receipt_id)
       WHERE c.account_id = ? AND o.option_id = ?
       ORDER BY c.accepted_at DESC, c.received_at DESC, c.rowid DESC`,
    ),
    consentsOf: db.prepare(
      `SELECT * FROM consents WHERE account_id = ? AND agreement_id = ?
       ORDER BY received_at DESC, rowid DESC`,
    ),
    insertDecline: db.prepare(
      `INSERT INTO declines (decline_id, account_id, agreement_id, version, sha256, declined_at, received_at, record_json)
       VALUES (@decline_id, @account_id, @agreement_id, @version, @sha256, @declined_at, @received_at, @record_json)
       ON CONFLICT (decline_id) DO NOTHING`,
    ),
    declineById: db.prepare('SELECT * FROM declines WHERE decline_id = ?'),
    insertPublication: db.prepare(
      'INSERT INTO publications (agreement_id, version, published_at) VALUES (?, ?, ?)',
    ),
    publications: db.prepare('SELECT version FROM publications WHERE agreement_id = ? ORDER BY seq'),
  };

  return {
    db,
    /** @param {AccountRow} row @returns {boolean} false when the email is taken */
    insertAccount(row) {
      try {
        s.insertAccount.run(row);
        return true;
      } catch (error) {
        if (/** @type {{ code?: string }} */ (error).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
        throw error;
      }
    },
    /** @returns {AccountRow | undefined} */
    accountById: (id) => s.accountById.get(id),
    /** @returns {AccountRow | undefined} */
    accountByEmail: (email) => s.accountByEmail.get(email),
    /**
     * Stores the consent, its documents and its optional consents, in one transaction, unless its
     * receipt id is taken (then nothing is written); either way returns the stored consent row.
     * @param {ConsentRow} row
     * @param {Omit<ConsentDocumentRow, 'receipt_id'>[]} [documents]
     * @param {Omit<ConsentOptionRow, 'receipt_id'>[]} [options]
     * @returns {{ inserted: boolean, row: ConsentRow }}
     */
    insertConsent: db.transaction((row, documents = [], options = []) => {
      const inserted = s.insertConsent.run(row).changes === 1;
      if (!inserted) return { inserted, row: /** @type {ConsentRow} */ (s.consentById.get(row.receipt_id)) };
      for (const d of documents) s.insertDocument.run({ ...d, receipt_id: row.receipt_id });
      for (const o of options) s.insertOption.run({ ...o, receipt_id: row.receipt_id });
      return { inserted, row };
    }),
    /** @returns {ConsentRow | undefined} */
    consentById: (id) => s.consentById.get(id),
    /** The account's consents to an agreement, newest first. @returns {ConsentRow[]} */
    consentsOf: (accountId, agreementId) => s.consentsOf.all(accountId, agreementId),
    /**
     * The account's consents to a document (the Terms or an additional one), newest decision first.
     * @returns {(ConsentDocumentRow & { accepted_at: string })[]}
     */
    documentsOf: (accountId, documentId) => s.documentsOf.all(accountId, documentId),
    /** The documents a consent accepts, the Terms first. @returns {ConsentDocumentRow[]} */
    documentsOfReceipt: (receiptId) => s.documentsOfReceipt.all(receiptId),
    /** The optional consents a receipt records, in its order. @returns {ConsentOptionRow[]} */
    optionsOfReceipt: (receiptId) => s.optionsOfReceipt.all(receiptId),
    /** The account's answers to an optional consent, newest decision first. @returns {ConsentOptionRow[]} */
    optionsOf: (accountId, optionId) => s.optionsOf.all(accountId, optionId),
    /** @returns {{ inserted: boolean, row: any }} */
    insertDecline(row) {
      const inserted = s.insertDecline.run(row).changes === 1;
      return { inserted, row: inserted ? row : s.declineById.get(row.decline_id) };
    },
    /** The versions published so far, oldest first. @returns {string[]} */
    publications: (agreementId) => s.publications.all(agreementId).map((r) => r.version),
    publish: (agreementId, version, at) => s.insertPublication.run(agreementId, version, at),
    close: () => db.close(),
  };
}

/** @typedef {ReturnType<typeof openStore>} Store */
