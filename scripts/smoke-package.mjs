// Uses the built package the way an app and a server would: by its name (Node resolves the
// package's own name through its "exports"), from ESM and from CommonJS. Run after the build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

const require = createRequire(import.meta.url);
const markdown = readFileSync(new URL('../agreements/instadesk-terms.md', import.meta.url), 'utf8');

for (const [kind, core, client] of [
  ['ESM', await import('react-clickwrap/core'), await import('react-clickwrap')],
  ['CJS', require('react-clickwrap/core'), require('react-clickwrap')],
]) {
  const agreement = core.parseAgreement({ id: 'instadesk-terms', version: '1', markdown });
  assert.ok(agreement.keyClauses.length > 30, `${kind}: key clauses found`);
  const receipt = await core.createReceipt({
    agreement,
    shownAt: '2026-01-01T10:00:00Z',
    acceptedAt: '2026-01-01T10:05:00Z',
    signer: { id: 'user-1' },
    reading: {
      reachedEnd: true,
      reachedEndAt: '2026-01-01T10:04:00Z',
      keyClausesSeen: [],
      keyClausesTotal: agreement.keyClauses.length,
    },
    locale: 'en',
    uiVariant: 'smoke',
  });
  const verdict = await core.verifyReceipt(JSON.parse(JSON.stringify(receipt)), markdown);
  assert.deepEqual(verdict, { ok: true, problems: [] }, `${kind}: a receipt verifies`);

  function App() {
    const cw = client.useClickwrap({ agreement, signer: { id: 'user-1' }, onAccept() {} });
    return createElement(
      'div',
      cw.scroll.getScrollAreaProps(),
      createElement('input', cw.getAssentCheckboxProps()),
    );
  }
  const html = renderToString(createElement(App));
  assert.match(html, /role="region"/, `${kind}: the hooks server-render`);
  assert.doesNotMatch(html, /checked=""/, `${kind}: the assent is not pre-ticked`);
  console.log(`smoke-package: ${kind} core and client entries work by package name`);
}

// A React Server Component imports the core under the "react-server" condition: it must load
// there (no React, no "use client") and work.
import { execFileSync } from 'node:child_process';
const out = execFileSync(
  process.execPath,
  [
    '--conditions=react-server',
    '--input-type=module',
    '-e',
    "import { hashAgreement } from 'react-clickwrap/core'; console.log(await hashAgreement('abc'));",
  ],
  { cwd: new URL('..', import.meta.url), encoding: 'utf8' },
);
assert.equal(out.trim(), 'edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb');
assert.doesNotMatch(
  readFileSync(new URL('../dist/core/index.js', import.meta.url), 'utf8'),
  /use client|from ['"]react['"]/,
);
console.log('smoke-package: react-clickwrap/core loads under the react-server condition');
