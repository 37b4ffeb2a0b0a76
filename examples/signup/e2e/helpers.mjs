// Shared by the example's end-to-end tests: start the real server (its CLI, as `npm run example`
// does) on a free port with a fresh database file, open that file to read the consent log, kill and
// restart it, drive Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';

export const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CURRENT = '2023-01-01';
export const NEXT = '2025-06-01';
/** The privacy policy's id and only version. */
export const PRIVACY_ID = 'privacy-policy';
export const PRIVACY_VERSION = '2024-01-01';
/** The accessible names of the two scroll regions (`"<title>, full text"`). */
export const TERMS_REGION = 'Instadesk Terms and Conditions, full text';
export const PRIVACY_REGION = 'Example Privacy Policy, full text';

/**
 * Starts `server/main.mjs` on a free port with a new database in a temp folder.
 * @param {{ env?: Record<string, string>, prepareDb?: (dbPath: string) => void | Promise<void> }} [options]
 *   `prepareDb` writes the database file before the server opens it (e.g. an earlier server's log).
 */
export async function startServer({ env = {}, prepareDb } = {}) {
  if (!existsSync(path.join(EXAMPLE_DIR, 'dist/index.html'))) {
    throw new Error(
      'The app is not built: run `node examples/signup/scripts/build.mjs` (npm run test:example does).',
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-e2e-'));
  const dbPath = path.join(dir, 'consents.db');
  await prepareDb?.(dbPath);
  let port = '0';
  let output = '';
  /** @type {import('node:child_process').ChildProcess} */
  let child;
  const spawnServer = async () => {
    child = spawn(process.execPath, [path.join(EXAMPLE_DIR, 'server/main.mjs')], {
      env: { ...process.env, PORT: port, HOST: '127.0.0.1', SIGNUP_DB: dbPath, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = output.length;
    return /** @type {Promise<string>} */ (
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`The server did not start in 10 s:\n${output}`)),
          10_000,
        );
        const onData = (/** @type {Buffer} */ chunk) => {
          output += chunk;
          const match = /listening on (http:\/\/\S+)/.exec(output.slice(started));
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`The server exited (${code}) before listening:\n${output}`));
        });
      })
    );
  };
  const url = await spawnServer();
  port = new URL(url).port;
  /** @type {import('better-sqlite3').Database | null} */
  let db = null;
  const server = {
    url,
    dbPath,
    /** What the server printed so far. */
    output: () => output,
    /** The database file, opened read-only beside the running server (WAL allows it). */
    db() {
      db ??= new Database(dbPath, { readonly: true, fileMustExist: true });
      return db;
    },
    /** @param {string} sql @param {unknown[]} params */
    rows: (sql, ...params) =>
      server
        .db()
        .prepare(sql)
        .all(...params),
    /** The receipts stored for an account, oldest first (from the log). @param {string} accountId */
    receiptsOf: (accountId) =>
      server
        .rows(
          "SELECT payload FROM clickwrap_log WHERE kind = 'receipt' AND subject = ? ORDER BY seq",
          accountId,
        )
        .map((/** @type {any} */ r) => JSON.parse(r.payload).receipt),
    /** The log entries of an account, oldest first, payload parsed. @param {string} accountId */
    entriesOf: (accountId) =>
      server
        .rows(
          'SELECT seq, id, kind, received_at, payload FROM clickwrap_log WHERE subject = ? ORDER BY seq',
          accountId,
        )
        .map((/** @type {any} */ r) => ({ ...r, payload: JSON.parse(r.payload) })),
    /** @param {string} route @param {unknown} [body] @param {Record<string, string>} [headers] */
    async post(route, body, headers = {}) {
      const response = await fetch(server.url + route, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: await response.json().catch(() => null),
      };
    },
    /** @param {string} route @param {Record<string, string>} [headers] */
    async get(route, headers = {}) {
      const response = await fetch(server.url + route, { headers });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    /**
     * Creates an account and returns it with its session cookie (the `cookie` header to send).
     * @param {'person' | 'organization'} [kind]
     */
    async account(kind = 'person') {
      const response = await fetch(`${server.url}/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: emailFor(kind), name: 'Pat Example', kind }),
      });
      if (response.status !== 201) throw new Error(`POST /api/accounts answered ${response.status}`);
      const { account } = await response.json();
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
      return { ...account, headers: { cookie } };
    },
    /** Ends the server at once (SIGKILL: no draining, no checkpoint), as a crash would. */
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    /** Starts it again on the same port with the same database and secrets. */
    async restart() {
      db?.close();
      db = null;
      await spawnServer();
    },
    async stop() {
      db?.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A headless Chromium (the system's, or Playwright's: see scripts/chromium.mjs). */
export function launchChromium() {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
}

/** A date of birth `years` years (and a month) before today, as YYYY-MM-DD. */
export function birthDateYearsAgo(years) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

let counter = 0;
/** A unique email for a test account. @param {string} who */
export const emailFor = (who) => `${who}.${process.pid}.${++counter}@example.test`;

/**
 * Fills the signup form and continues to the agreement.
 * @param {import('playwright').Page} page
 * @param {{ name: string, email: string, birthDate: string, organization?: boolean }} person
 */
export async function signUp(page, { name, email, birthDate, organization = false }) {
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Date of birth').fill(birthDate);
  if (organization) await page.getByRole('checkbox', { name: /signing up an organisation/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('region', { name: TERMS_REGION }).waitFor();
}

/**
 * Reads one document to the end as a keyboard user would: focus its scroll region and press End.
 * @param {import('playwright').Page | import('playwright').Locator} scope
 * @param {string} regionName the region's accessible name, e.g. TERMS_REGION or PRIVACY_REGION
 */
export async function readDocument(scope, regionName) {
  const region = scope.getByRole('region', { name: regionName, exact: true });
  await region.focus();
  await region.press('End');
  // The scroll area says so itself once the end has been on screen.
  await region.and(scope.locator('[data-reached-end]')).waitFor();
}

/**
 * Reads every document shown to the end: the Terms, then the privacy policy when it is shown.
 * @param {import('playwright').Page | import('playwright').Locator} scope
 */
export async function readToEnd(scope) {
  await readDocument(scope, TERMS_REGION);
  if (await scope.getByRole('region', { name: PRIVACY_REGION, exact: true }).count())
    await readDocument(scope, PRIVACY_REGION);
}

/** Ticks "I have read and agree". @param {import('playwright').Page | import('playwright').Locator} scope */
export const assent = (scope) => scope.getByRole('checkbox', { name: /I have read and agree/ }).check();

/** The optional consents' checkboxes are in a fieldset whose legend says "Optional". @param {import('playwright').Page | import('playwright').Locator} scope */
export const marketingCheckbox = (scope) =>
  scope
    .getByRole('group', { name: 'Optional' })
    .getByRole('checkbox', { name: 'Send me Instadesk product news by e-mail.' });
