// The server's two secrets: the Ed25519 key that countersigns receipts and checkpoints, and the
// HMAC key that signs session cookies. In production both come from the environment
// (CLICKWRAP_SIGNING_KEY: the private JWK that exportSigningKey wrote; SESSION_SECRET: 32+ random
// bytes, base64). For `npm run example` nothing is needed: a development file beside the database
// is made on first start and reused, so receipts and sessions survive a restart.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportSigningKey, generateSigningKey, importSigningKey } from 'react-clickwrap/server';

/**
 * @param {string} devFile where the development secrets are kept (created when missing)
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ signingKey: import('react-clickwrap/server').SigningKey, sessionSecret: Buffer }>}
 */
export async function loadSecrets(devFile, env = process.env) {
  if (env.CLICKWRAP_SIGNING_KEY && env.SESSION_SECRET) {
    return {
      signingKey: await importSigningKey(JSON.parse(env.CLICKWRAP_SIGNING_KEY)),
      sessionSecret: Buffer.from(env.SESSION_SECRET, 'base64'),
    };
  }
  let saved = null;
  try {
    saved = JSON.parse(readFileSync(devFile, 'utf8'));
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  if (!saved) {
    const key = await generateSigningKey(`dev-${new Date().toISOString().slice(0, 10)}`);
    saved = { signingKey: await exportSigningKey(key), sessionSecret: randomBytes(32).toString('base64') };
    mkdirSync(path.dirname(devFile), { recursive: true });
    // Owner-only: it holds private keys (development ones, but still).
    writeFileSync(devFile, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    signingKey: await importSigningKey(
      env.CLICKWRAP_SIGNING_KEY ? JSON.parse(env.CLICKWRAP_SIGNING_KEY) : saved.signingKey,
    ),
    sessionSecret: Buffer.from(env.SESSION_SECRET ?? saved.sessionSecret, 'base64'),
  };
}
