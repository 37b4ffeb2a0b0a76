// Finds a Chromium for the browser tests, the benchmark and Storybook's test run. Order:
// CHROMIUM_PATH, the system's Chromium or Chrome, Playwright's own download; failing all, it
// tries `playwright install chromium` once, and where that cannot download it stops with a
// message that says how to install one. The browser tests are never skipped silently.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** Flags for a headless Chromium on a machine with no network but the package registries. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

function playwrightOwn() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

let cached;

/** The path of a Chromium executable, or throws an error that says how to get one. */
export function findChromium() {
  if (cached) return cached;
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(`CHROMIUM_PATH is set to "${fromEnv}", but no file is there.`);
    }
    return (cached = fromEnv);
  }
  const found = SYSTEM_PATHS.find((p) => existsSync(p)) ?? playwrightOwn();
  if (found) return (cached = found);
  try {
    process.stderr.write('No Chromium found; trying `npx playwright install chromium`…\n');
    execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  } catch {
    // Reported below, with what to do.
  }
  const downloaded = playwrightOwn();
  if (downloaded) return (cached = downloaded);
  throw new Error(
    'The browser tests need Chromium, and none was found or could be downloaded.\n' +
      'Install one, then run the tests again:\n' +
      '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
      '  or set CHROMIUM_PATH=/path/to/chromium (Chrome works too)\n' +
      '  or, with network access: npx playwright install chromium',
  );
}
