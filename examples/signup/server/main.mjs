// Starts the signup example's server.
//
//   node examples/signup/server/main.mjs [--dev]
//
// Environment:
//   PORT                   default 5175 (0: any free port)
//   HOST                   default 127.0.0.1
//   SIGNUP_DB              the SQLite file (the consent log and the accounts); default
//                          examples/signup/.data/consents.db (created on first start)
//   AGREEMENT_VERSION      make this Terms version current at start, e.g. 2025-06-01
//   CLICKWRAP_SIGNING_KEY, SESSION_SECRET   the server's secrets (see secrets.mjs); without them a
//                          development file beside the database (dev-secrets.json) is made and reused
// --dev serves the app through Vite's dev middleware (hot reload) instead of the built dist/.
// Prints `listening on <url>` once it accepts connections; SIGINT or SIGTERM drains and stops it.
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from 'react-clickwrap/server/sqlite';
import { openAccounts } from './accounts.mjs';
import { loadAgreements } from './agreements.mjs';
import { createSignupServer } from './app.mjs';
import { loadSecrets } from './secrets.mjs';
import { createSessions } from './session.mjs';

const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Opens the stores and starts listening.
 * @param {{ port?: number, host?: string, dbPath?: string, version?: string, dev?: boolean }} [options]
 */
export async function start({
  port = 5175,
  host = '127.0.0.1',
  dbPath = path.join(EXAMPLE_DIR, '.data/consents.db'),
  version,
  dev = false,
} = {}) {
  const agreements = await loadAgreements();
  const { signingKey, sessionSecret } = await loadSecrets(
    path.join(path.dirname(dbPath), 'dev-secrets.json'),
  );
  // The app's tables first (it creates the folder), then the entry's log in the same file.
  const accounts = openAccounts(dbPath);
  const log = openSqliteStore({ path: dbPath });
  let vite = null;
  if (dev) {
    const { createServer } = await import('vite');
    vite = await createServer({
      configFile: path.join(EXAMPLE_DIR, 'vite.config.mjs'),
      server: { middlewareMode: true },
      appType: 'spa',
    });
  }
  const app = await createSignupServer({
    accounts,
    log,
    signingKey,
    sessions: createSessions(sessionSecret),
    agreements,
    version,
    staticDir: dev ? null : path.join(EXAMPLE_DIR, 'dist'),
    vite,
  });
  await new Promise((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (app.server.address());
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    dbPath,
    app,
    async close() {
      await app.close();
      await vite?.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = process.env;
  const running = await start({
    port: env.PORT === undefined ? undefined : Number(env.PORT),
    host: env.HOST || undefined,
    dbPath: env.SIGNUP_DB || undefined,
    version: env.AGREEMENT_VERSION || undefined,
    dev: process.argv.includes('--dev'),
  }).catch((error) => {
    console.error(`signup example: ${error.message}`);
    process.exit(1);
  });
  console.log(`signup example: database ${path.relative(process.cwd(), running.dbPath) || running.dbPath}`);
  for (const id of running.app.documentIds()) {
    console.log(`signup example: ${id} version ${running.app.currentVersion(id)} is current`);
  }
  console.log(`listening on ${running.url}`);
  const stop = () => {
    running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
