// The app's own data, beside the consent log in the same SQLite file: accounts and which document
// versions were published when. Consent records are not here: they live in react-clickwrap's
// append-only log (clickwrap_log), which this file never touches.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  account_id TEXT PRIMARY KEY,
  email      TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('person', 'organization')),
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS publications (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  agreement_id TEXT NOT NULL,
  version      TEXT NOT NULL,
  published_at TEXT NOT NULL
) STRICT;
`;

/**
 * @typedef {object} Account
 * @property {string} id
 * @property {string} email
 * @property {string} name
 * @property {'person' | 'organization'} kind
 */

/** How many accounts found by id are kept in memory. */
const FOUND_KEPT = 10_000;

/** @param {any} row @returns {Account} */
const toAccount = (row) => ({ id: row.account_id, email: row.email, name: row.name, kind: row.kind });

/**
 * Opens (creating when missing) the app's tables in `file`.
 * @param {string} file
 */
export function openAccounts(file) {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // The consent log shares the file and takes the write lock for its appends: wait for it.
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  const insert = db.prepare(
    'INSERT INTO accounts (account_id, email, name, kind, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
  );
  const byId = db.prepare('SELECT * FROM accounts WHERE account_id = ?');
  const byEmail = db.prepare('SELECT * FROM accounts WHERE email = ?');
  const published = db.prepare('SELECT version FROM publications WHERE agreement_id = ? ORDER BY seq');
  const publish = db.prepare(
    'INSERT INTO publications (agreement_id, version, published_at) VALUES (?, ?, ?)',
  );
  // Every signed-in request looks its account up, and a read on a file the consent log is
  // appending to costs tens of microseconds (the log's commits invalidate this connection's page
  // cache). Accounts are never changed or deleted here, so one found stays right: the most recent
  // FOUND_KEPT are kept in memory (an account not found is always asked again).
  /** @type {Map<string, Account>} */
  const found = new Map();
  return {
    db,
    /** Creates an account; null when the email is taken. @param {Account} account */
    create(account) {
      const { changes } = insert.run(
        account.id,
        account.email,
        account.name,
        account.kind,
        new Date().toISOString(),
      );
      return changes === 1 ? account : null;
    },
    /** @param {string} id @returns {Account | null} */
    byId: (id) => {
      const kept = found.get(id);
      if (kept) return kept;
      const row = byId.get(id);
      if (!row) return null;
      const account = toAccount(row);
      if (found.size >= FOUND_KEPT) found.delete(found.keys().next().value ?? '');
      found.set(id, account);
      return account;
    },
    /** @param {string} email @returns {Account | null} */
    byEmail: (email) => {
      const row = byEmail.get(email);
      return row ? toAccount(row) : null;
    },
    /** The versions of a document published so far, oldest first. @param {string} documentId @returns {string[]} */
    publications: (documentId) => published.all(documentId).map((r) => /** @type {any} */ (r).version),
    /** @param {string} documentId @param {string} version */
    publish: (documentId, version) => void publish.run(documentId, version, new Date().toISOString()),
    close: () => db.close(),
  };
}
