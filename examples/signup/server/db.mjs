// The consent store: one SQLite file (better-sqlite3, WAL), created on first use.
//
// A receipt is stored as it was verified (`receipt_json`, serialised by `serializeReceipt`), with
// the columns a query needs beside it and the server's own clock (`received_at`). The receipt id
// is the primary key: delivering the same receipt again finds the stored row instead of adding
// one, which is what makes the client's retries safe.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const SCHEMA_VERSION = 1;

const MIGRATIONS = [
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
     * Stores the consent unless its receipt id is taken; either way returns the stored row.
     * @param {ConsentRow} row
     * @returns {{ inserted: boolean, row: ConsentRow }}
     */
    insertConsent(row) {
      const inserted = s.insertConsent.run(row).changes === 1;
      return { inserted, row: inserted ? row : /** @type {ConsentRow} */ (s.consentById.get(row.receipt_id)) };
    },
    /** @returns {ConsentRow | undefined} */
    consentById: (id) => s.consentById.get(id),
    /** The account's consents to an agreement, newest first. @returns {ConsentRow[]} */
    consentsOf: (accountId, agreementId) => s.consentsOf.all(accountId, agreementId),
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
