// Finds a Chromium for the browser tests, Storybook's test run, the example's end-to-end tests
// and the benchmark. In order:
//   1. CHROMIUM_PATH;
//   2. the system's Chromium or Chrome;
//   3. Playwright's own download, if one is there (this never runs `playwright install`: on a
//      machine that reaches only the package registries it cannot download);
//   4. the Chromium shipped inside the npm package @sparticuz/chromium (a devDependency),
//      unpacked once into the temp folder, no network needed.
// CHROMIUM_SKIP_SYSTEM=1 skips 2 and 3, as on a fresh machine (CI runs the browser tests once so).
// Launch with CHROMIUM_ARGS, never @sparticuz/chromium's own `args` (made for AWS Lambda:
// `--single-process` and friends crash its 141 build under Playwright).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';

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

const require = createRequire(import.meta.url);

function playwrightOwn() {
  try {
    const { chromium } = require('playwright');
    const found = chromium.executablePath();
    return found && existsSync(found) ? found : null;
  } catch {
    return null;
  }
}

/**
 * The Chromium inside @sparticuz/chromium, unpacked into its own folder of the temp dir (not
 * the package's default /tmp/chromium, which another project may own). Unpacked in a child
 * process, as the package's API is async and callers of findChromium are not; into a fresh
 * folder renamed into place when complete, so concurrent runs never see half a binary.
 * Returns the path of a small launcher that sets the libraries and fonts up, or null.
 */
function npmChromium() {
  let packageDir;
  try {
    // Its "exports" hide package.json: find the folder from the main module.
    packageDir = require.resolve('@sparticuz/chromium').replace(/[\\/]build[\\/].*$/, '');
  } catch {
    return null;
  }
  const manifest = path.join(packageDir, 'package.json');
  if (platform() !== 'linux' || arch() !== 'x64') return null;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
  const home = path.join(tmpdir(), `react-clickwrap-chromium-${version}-${userInfo().uid}`);
  const launcher = path.join(home, 'launch-chromium');
  if (existsSync(launcher)) return launcher;

  const partial = `${home}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  process.stderr.write(
    `No system Chromium: unpacking the one in @sparticuz/chromium ${version} into ${home}…\n`,
  );
  try {
    const unpack = `
      const { default: chromium } = await import(${JSON.stringify(path.join(packageDir, 'build/esm/index.js'))});
      const binary = await chromium.executablePath();
      // Libraries it needs and a plain Debian may lack (NSS, NSPR, expat), built for it.
      const { inflate } = await import(${JSON.stringify(path.join(packageDir, 'build/esm/lambdafs.js'))});
      const bin = ${JSON.stringify(path.join(packageDir, 'bin'))};
      await inflate(bin + '/al2023.tar.br');
      process.stdout.write(binary);`;
    // TMPDIR points the package's unpacking at our folder.
    const binary = execFileSync(process.execPath, ['--input-type=module', '-e', unpack], {
      env: { ...process.env, TMPDIR: partial },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    const final = path.join(home, path.relative(partial, binary));
    writeFileSync(path.join(partial, 'launch-chromium'), launcherScript(home, final, partial), {
      mode: 0o755,
    });
    chmodSync(path.join(partial, 'launch-chromium'), 0o755);
    try {
      renameSync(partial, home);
    } catch (error) {
      // Another run finished first: use its copy.
      if (!existsSync(launcher)) throw error;
      rmSync(partial, { recursive: true, force: true });
    }
    return launcher;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    process.stderr.write(`Unpacking @sparticuz/chromium failed: ${error.message}\n`);
    return null;
  }
}

/**
 * A shell launcher: Playwright starts it with Chromium's flags and pipes, and it execs the
 * binary, adding the bundled libraries only where the system lacks them and the bundled fonts
 * only where the system has no fontconfig (a headless Chromium without fonts draws no text).
 * Decided at each launch, so the folder stays right if the machine changes.
 */
function launcherScript(home, binary, partial) {
  writeFileSync(
    path.join(partial, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${home}/fonts</dir>\n  <cachedir>${home}/fonts-cache</cachedir>\n</fontconfig>\n`,
  );
  return [
    '#!/bin/sh',
    '# Written by scripts/chromium.mjs: launches the Chromium of @sparticuz/chromium.',
    `if ! command -v ldd >/dev/null 2>&1 || ldd "${binary}" 2>/dev/null | grep -q "not found"; then`,
    `  export LD_LIBRARY_PATH="${home}/al2023/lib\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"`,
    'fi',
    'if [ -z "${FONTCONFIG_FILE:-}" ] && [ ! -e /etc/fonts/fonts.conf ]; then',
    `  export FONTCONFIG_FILE="${home}/fonts.conf"`,
    'fi',
    `exec "${binary}" "$@"`,
    '',
  ].join('\n');
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
  const skipSystem = process.env.CHROMIUM_SKIP_SYSTEM === '1';
  const found =
    (skipSystem ? null : (SYSTEM_PATHS.find((p) => existsSync(p)) ?? playwrightOwn())) ?? npmChromium();
  if (found) return (cached = found);
  throw new Error(
    'The browser tests need Chromium, and none was found' +
      (skipSystem ? ' (CHROMIUM_SKIP_SYSTEM=1 hides the system one)' : '') +
      ', and the one in @sparticuz/chromium (a devDependency, Linux x64 only) could not be used.\n' +
      'Install one, then run the tests again:\n' +
      '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
      '  or set CHROMIUM_PATH=/path/to/chromium (Chrome works too)\n' +
      '  or, with network access: npx playwright install chromium',
  );
}
