// Writes the agreement's second version, agreements/instadesk-terms/2025-06-01.md: the first
// version with the five edits of `withFiveChanges` (src/core/diff.fixtures.ts), and records both
// versions' SHA-256 in the Terms' entry of agreements/manifest.json (other documents, such as the
// privacy policy, are left as they are). Run it again only to publish a new text on purpose: a
// version, once served, must never change (receipts are verified against it).
//
//   node examples/signup/scripts/make-v2.mjs           writes the file and the manifest
//   node examples/signup/scripts/make-v2.mjs --check   exits 1 when they differ from what it would write
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { hashAgreement } from 'react-clickwrap/core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const agreementsDir = path.resolve(here, '../agreements');

/** `withFiveChanges` from the TypeScript fixture (no imports of its own, so a data: URL will do). */
export async function loadWithFiveChanges() {
  const source = await readFile(path.join(root, 'src/core/diff.fixtures.ts'), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return mod.withFiveChanges;
}

/** What the manifest and the second version should hold. */
export async function expected() {
  const manifest = JSON.parse(await readFile(path.join(agreementsDir, 'manifest.json'), 'utf8'));
  const terms = manifest.documents.find((/** @type {{ id: string }} */ d) => d.id === manifest.agreement);
  const [first, second] = terms.versions;
  const v1 = await readFile(path.join(agreementsDir, first.file), 'utf8');
  const withFiveChanges = await loadWithFiveChanges();
  const v2 = withFiveChanges(v1);
  first.sha256 = await hashAgreement(v1);
  second.sha256 = await hashAgreement(v2);
  return { manifest, v2, v2File: path.join(agreementsDir, second.file) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { manifest, v2, v2File } = await expected();
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const same =
      (await readFile(v2File, 'utf8').catch(() => '')) === v2 &&
      (await readFile(path.join(agreementsDir, 'manifest.json'), 'utf8')) === manifestText;
    console.log(
      same ? 'agreement versions are up to date' : 'agreement versions differ: run scripts/make-v2.mjs',
    );
    process.exit(same ? 0 : 1);
  }
  await writeFile(v2File, v2);
  await writeFile(path.join(agreementsDir, 'manifest.json'), manifestText);
  console.log(`wrote ${path.relative(root, v2File)} and the manifest`);
}
