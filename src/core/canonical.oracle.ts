/**
 * TEST ORACLE ONLY (imported by tests, never by the library): `canonicalizeAgreement` exactly as
 * it was written before the fast path, kept so property tests can prove the fast one gives the
 * same string for every input. Rules `react-clickwrap/canonical-v1`; see canonical.ts.
 */
export function canonicalizeAgreementOracle(text: string): string {
  const lines = text
    .replace(/\uFEFF/g, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''));
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return start === end ? '' : lines.slice(start, end).join('\n') + '\n';
}
