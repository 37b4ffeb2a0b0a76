/**
 * `react-clickwrap verify record.json --text terms.md [--text privacy-policy=privacy.md] --keys jwks.json`:
 * checks a countersigned record offline and prints what it proves: a receipt (what the server
 * answered `POST receipts` with), checked against the texts given, or a withdrawal or a decline
 * (what it answered `POST withdrawals` / `POST declines` with), which name no text.
 */
import { createHash } from 'node:crypto';
import { importJwks } from '../server/countersign';
import { verifyCountersignedEvent, type DeclineProof, type WithdrawalProof } from '../server/verify-event';
import type { ReceiptProof } from '../server/verify-receipt';
import { KEYS_ONCE, parseArgs, single, UsageError } from './args';
import { printableIo, readKeySet, readNamed, type CliIo } from './io';

/** The usage line. */
export const VERIFY_USAGE =
  'react-clickwrap verify <record.json> [--text <agreement.md> [--text <document-id>=<file>]...] --keys <jwks.json>\n' +
  '      a receipt needs the text agreed to (--text); a withdrawal or a decline needs none';

const line = (label: string, value: string) => `  ${`${label}:`.padEnd(18)}${value}`;

/** What a withdrawal or a decline records, line by line. */
function describeEvent(proof: WithdrawalProof | DeclineProof, key: string): string[] {
  const out = [
    line('record', `${proof.kind} ${proof.id}`),
    line('from', `the server authenticated "${proof.subject}"`),
    line('received', `${proof.receivedAt} (server clock), ${key}`),
  ];
  if (proof.kind === 'withdrawal') {
    if (proof.all)
      out.push(line('withdrawn', 'consent as a whole: every document and every optional consent'));
    if (proof.optionalConsents.length > 0)
      out.push(
        line(
          'withdrawn',
          `the optional consent${proof.optionalConsents.length === 1 ? '' : 's'} ${proof.optionalConsents.join(', ')}`,
        ),
      );
    return out;
  }
  for (const doc of proof.documents) out.push(line('declined', `${doc.id} ${doc.version}`));
  if (proof.receiptId)
    out.push(
      line(
        'takes back',
        `receipt ${proof.receiptId} (an accept whose delivery failed before the person declined)`,
      ),
    );
  return out;
}

function describeProof(proof: ReceiptProof, key: string): string[] {
  const out = [
    line(
      'signed by',
      `${proof.signer.id}${proof.signer.name ? ` (${proof.signer.name})` : ''}; the server authenticated "${proof.subject}"`,
    ),
  ];
  if (proof.organization)
    out.push(line('on behalf of', `${proof.organization.name} (${proof.organization.signerAuthority})`));
  if (proof.guardian)
    out.push(
      line('guardian', `${proof.guardian.name}, ${proof.guardian.relationship} (${proof.guardian.mode})`),
    );
  out.push(line('received', `${proof.receivedAt} (server clock), ${key}`));
  out.push(line('accepted', `${proof.acceptedAt} (the person's clock)`));
  out.push(line('UI language', proof.locale));
  for (const doc of proof.documents) {
    const checked =
      doc.textChecked === null
        ? 'text not given, hash not checked'
        : doc.textChecked
          ? 'text matches'
          : 'the text given does NOT match';
    out.push(line('document', `${doc.id} ${doc.version}, sha256 ${doc.sha256} (${checked})`));
    if (doc.language !== null) out.push(line('  language', `${doc.language} (as the app declared it)`));
    const r = doc.reading;
    const read = `${r.reachedEnd ? `to the end at ${r.reachedEndAt}` : 'not to the end'} (as the browser recorded)`;
    const changes = r.changesTotal > 0 ? `, changes seen ${r.changesSeen.length}/${r.changesTotal}` : '';
    out.push(
      line(
        '  read',
        `${read}; key clauses seen ${r.keyClausesSeen.length}/${r.keyClausesTotal}${changes}; required "${r.required}"`,
      ),
    );
  }
  if (proof.acknowledgements.length > 0) out.push(line('acknowledged', proof.acknowledgements.join(', ')));
  for (const o of proof.optionalConsents)
    out.push(line('optional', `${o.id}: ${o.granted ? 'granted' : 'not granted'}`));
  return out;
}

/**
 * The verdict's own word on the documents whose text was not given (their hash unchecked), so that
 * VERIFIED is never read as covering them: which, and how to check them.
 */
function notChecked(
  documents: readonly { id: string; version: string; textChecked: boolean | null }[],
): string {
  const missing = documents.filter((d) => d.textChecked === null);
  if (missing.length === 0) return '';
  const names = missing.map((d) => `${d.id} ${d.version}`).join(', ');
  const flags = missing.map((d) => `--text ${d.id}=<file>`).join(' ');
  return ` Not checked: the text${missing.length === 1 ? '' : 's'} of ${names}, not given (${flags}).`;
}

/** Whether `text` is JSON Lines (a log export): several lines, the first a JSON object. */
function isJsonLines(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  try {
    return typeof JSON.parse(lines[0]!) === 'object';
  } catch {
    return false;
  }
}

/**
 * The key that signed, by its id and its RFC 7638 thumbprint (SHA-256 of its required members,
 * base64url). A key id is a name anyone can give a key: a forged record and a key set made for it
 * verify together. The thumbprint is the key itself, to compare with the one its server's
 * operator published, or with that of the key set fetched from the server by the verifier.
 */
async function describeKey(jwks: string, kid: string | null): Promise<string> {
  if (kid === null) return 'no key named';
  const key = (await importJwks(jwks)).get(kid);
  if (!key) return `key "${kid}" (not in the key set)`;
  const { x } = await crypto.subtle.exportKey('jwk', key);
  return `key "${kid}" (RFC 7638 thumbprint ${ed25519Thumbprint(x!)})`;
}

/** The RFC 7638 thumbprint of the Ed25519 public key `x` (base64url): its required members in order. */
export function ed25519Thumbprint(x: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
}

/** Runs `verify`; returns the exit code (0 verified, 1 not, 2 usage). */
export async function verifyCommand(argv: readonly string[], given: CliIo): Promise<number> {
  // What the record says is printed, and its author chose it: each line printed as one line.
  const io = printableIo(given);
  const args = parseArgs(argv, ['text', 'keys']);
  const [file, extra] = args.positional;
  const texts = args.options.get('text') ?? [];
  const keysFile = single(args, 'keys', KEYS_ONCE);
  if (!file || extra !== undefined || !keysFile) throw new UsageError(`Usage: ${VERIFY_USAGE}`);
  let agreementText: string | null = null;
  const documents: Record<string, string> = {};
  for (const spec of texts) {
    const match = /^([\w.-]+)=(.+)$/.exec(spec);
    if (match && !spec.startsWith('./') && !spec.startsWith('/')) {
      // Given twice, one text would go unchecked while the verdict spoke of the document's text.
      if (Object.hasOwn(documents, match[1]!))
        throw new UsageError(`Give the text of ${match[1]} once: --text ${match[1]}=<file>.`);
      documents[match[1]!] = await readNamed(io, match[2]!, `the text of ${match[1]}`);
    } else if (agreementText === null) agreementText = await readNamed(io, spec, 'the agreement text');
    else
      throw new UsageError(
        'Give the agreement text once; give other documents as --text <document-id>=<file>.',
      );
  }
  if (texts.length > 0 && agreementText === null)
    throw new UsageError('Give the agreement text: --text <agreement.md>.');
  const record = await readNamed(io, file, 'the record');
  const keys = await readKeySet(io, keysFile);
  const result = await verifyCountersignedEvent(
    record,
    agreementText === null ? { keys } : { keys, text: agreementText, documents },
  );
  if (result.kind === 'receipt' && agreementText === null)
    throw new UsageError(
      `${file} is a receipt: give the text agreed to, --text <agreement.md> (and --text <document-id>=<file> for each other document), to check it.\nUsage: ${VERIFY_USAGE}`,
    );
  if (result.kind !== null && result.kind !== 'receipt' && texts.length > 0)
    io.err(`--text not used: a ${result.kind} names no text; its countersignature is checked alone.`);
  if (result.ok) {
    io.out(
      result.kind === 'receipt'
        ? `VERIFIED ${file}: the server's countersignature holds and the text given is the text agreed to.${result.proof?.kind === 'receipt' ? notChecked(result.proof.documents) : ''}`
        : `VERIFIED ${file}: the server's countersignature holds.`,
    );
  } else {
    io.out(
      `NOT VERIFIED ${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}.`,
    );
    for (const p of result.problems.slice(0, 50))
      io.out(`  ✗ ${p.code}${p.path ? ` at ${p.path}` : ''}: ${p.message}`);
    if (result.problems[0]?.code === 'invalid-json' && isJsonLines(record))
      io.out(
        `  ${file} holds one JSON object a line, as a log export does: check a log with react-clickwrap verify-log ${file} --keys ${keysFile}.`,
      );
  }
  const proof = result.proof;
  if (proof) {
    // What the countersignature proves is that the server received this event from the person it
    // authenticated, at its own time; what a consent says of the reading, the ticks and the
    // person's clock is what their browser recorded.
    const what =
      proof.kind === 'receipt'
        ? 'a consent that records (what the browser recorded marked so)'
        : `a ${proof.kind} that records`;
    io.out(
      result.ok
        ? `It proves the server received, from the person it authenticated, ${what}:`
        : 'It claims (not proven):',
    );
    const key = await describeKey(keys, proof.kid);
    for (const l of proof.kind === 'receipt' ? describeProof(proof, key) : describeEvent(proof, key))
      io.out(l);
  }
  return result.ok ? 0 : 1;
}
