// Shared by the example's end-to-end tests: start the real server (its CLI, as `npm run example`
// does) on a free port with a fresh database file, open that file to check rows, drive Chromium.
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
 *   `prepareDb` writes the database file before the server opens it (e.g. an older schema).
 */
export async function startServer({ env = {}, prepareDb } = {}) {
  if (!existsSync(path.join(EXAMPLE_DIR, 'dist/index.html'))) {
    throw new Error('The app is not built: run `node examples/signup/scripts/build.mjs` (npm run test:example does).');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'signup-e2e-'));
  const dbPath = path.join(dir, 'consents.db');
  await prepareDb?.(dbPath);
  const child = spawn(process.execPath, [path.join(EXAMPLE_DIR, 'server/main.mjs')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SIGNUP_DB: dbPath, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in 10 s:\n${output}`)), 10_000);
    const onData = (/** @type {Buffer} */ chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before listening:\n${output}`));
    });
  });
  /** @type {import('better-sqlite3').Database | null} */
  let db = null;
  const server = {
    url: /** @type {string} */ (url),
    dbPath,
    /** What the server printed so far. */
    output: () => output,
    /** The database file, opened read-only beside the running server (WAL allows it). */
    db() {
      db ??= new Database(dbPath, { readonly: true, fileMustExist: true });
      return db;
    },
    /** @param {string} sql @param {unknown[]} params */
    rows: (sql, ...params) => server.db().prepare(sql).all(...params),
    /** @param {string} route @param {unknown} [body] */
    async post(route, body, headers = {}) {
      const response = await fetch(server.url + route, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    /** @param {string} route */
    async get(route) {
      const response = await fetch(server.url + route);
      return { status: response.status, body: await response.json() };
    },
    async stop() {
      db?.close();
      if (child.exitCode === null) {
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
  if (await scope.getByRole('region', { name: PRIVACY_REGION, exact: true }).count()) await readDocument(scope, PRIVACY_REGION);
}

/** Ticks "I have read and agree". @param {import('playwright').Page | import('playwright').Locator} scope */
export const assent = (scope) => scope.getByRole('checkbox', { name: /I have read and agree/ }).check();

/** The receipt stored in a consents row. @param {{ receipt_json: string }} row */
export const receiptOf = (row) => JSON.parse(row.receipt_json);

/** The optional consents' checkboxes are in a fieldset whose legend says "Optional". @param {import('playwright').Page | import('playwright').Locator} scope */
export const marketingCheckbox = (scope) =>
  scope.getByRole('group', { name: 'Optional' }).getByRole('checkbox', { name: 'Send me Instadesk product news by e-mail.' });
