// `npm run example`: builds the library if needed, builds the app, and starts the server
// (PORT, default 5175; the database examples/signup/.data/consents.db unless SIGNUP_DB is set).
// `npm run example -- --dev` skips the app build and serves it through Vite's dev middleware.
import process from 'node:process';
import { start } from '../server/main.mjs';
import { buildExample, libraryIsStale } from './build.mjs';

const dev = process.argv.includes('--dev');
if (dev) {
  if (libraryIsStale()) await buildExample(); // the library; the app is served from source
} else {
  await buildExample();
}
const env = process.env;
const running = await start({
  port: env.PORT === undefined ? undefined : Number(env.PORT),
  host: env.HOST || undefined,
  dbPath: env.SIGNUP_DB || undefined,
  version: env.AGREEMENT_VERSION || undefined,
  dev,
}).catch((error) => {
  console.error(`signup example: ${error.message}`);
  process.exit(1);
});
console.log(`signup example: database ${running.dbPath}`);
for (const id of running.app.documentIds()) {
  console.log(`signup example: ${id} version ${running.app.currentVersion(id)} is current`);
}
console.log('signup example: admin switches (loopback only):');
console.log(
  `  curl -X POST ${running.url}/api/admin/publish -H 'content-type: application/json' -d '{"version":"2025-06-01"}'`,
);
console.log(`  curl -X POST ${running.url}/api/admin/down    # then /api/admin/up`);
console.log(`\n  Signup example running at ${running.url}/\n`);
const stop = () => running.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
