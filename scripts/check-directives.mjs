// Fails the build when a client file in dist lost its "use client" directive, or when the
// framework-free core gained one (a server importing core would then get client references
// instead of functions).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );

const problems = [];
let clientFiles = 0;
for (const file of files(dist)) {
  if (!/\.(c|m)?js$/.test(file)) continue;
  const rel = relative(dist, file);
  const first = readFileSync(file, 'utf8').trimStart().split('\n', 1)[0];
  const hasDirective = /^["']use client["'];?$/.test(first.trim());
  if (rel.startsWith('core/')) {
    if (hasDirective) problems.push(`${rel} is core but starts with "use client"`);
  } else {
    clientFiles++;
    if (!hasDirective) problems.push(`${rel} is a client module but does not start with "use client"`);
  }
}
if (clientFiles === 0) problems.push('no client files found in dist: run the build first');
if (problems.length) {
  console.error(`check-directives: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`check-directives: ${clientFiles} client files keep "use client"; core has none.`);
