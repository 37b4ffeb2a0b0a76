/**
 * `react-clickwrap verify record.json --text terms.md [--text privacy-policy=privacy.md] --keys jwks.json`:
 * checks a countersigned receipt (the record the server answered `POST receipts` with) offline
 * and prints what it proves.
 */
import { verifyCountersignedReceipt, type ReceiptProof } from '../server/verify-receipt';
import { parseArgs, UsageError } from './args';
import { readNamed, type CliIo } from './io';

/** The usage line. */
export const VERIFY_USAGE =
  'react-clickwrap verify <record.json> --text <agreement.md> [--text <document-id>=<file>]... --keys <jwks.json>';

const line = (label: string, value: string) => `  ${`${label}:`.padEnd(18)}${value}`;

function describeProof(proof: ReceiptProof): string[] {
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
  out.push(line('received', `${proof.receivedAt} (server clock), key "${proof.kid}"`));
  out.push(line('accepted', `${proof.acceptedAt} (the person's clock)`));
  for (const doc of proof.documents) {
    const checked =
      doc.textChecked === null
        ? 'text not given, hash not checked'
        : doc.textChecked
          ? 'text matches'
          : 'the text given does NOT match';
    out.push(line('document', `${doc.id} ${doc.version}, sha256 ${doc.sha256} (${checked})`));
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

/** Runs `verify`; returns the exit code (0 verified, 1 not, 2 usage). */
export async function verifyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['text', 'keys']);
  const [file, extra] = args.positional;
  const texts = args.options.get('text') ?? [];
  const keysFile = args.options.get('keys')?.[0];
  if (!file || extra !== undefined || texts.length === 0 || !keysFile)
    throw new UsageError(`Usage: ${VERIFY_USAGE}`);
  let agreementText: string | null = null;
  const documents: Record<string, string> = {};
  for (const spec of texts) {
    const match = /^([\w.-]+)=(.+)$/.exec(spec);
    if (match && !spec.startsWith('./') && !spec.startsWith('/'))
      documents[match[1]!] = await readNamed(io, match[2]!, `the text of ${match[1]}`);
    else if (agreementText === null) agreementText = await readNamed(io, spec, 'the agreement text');
    else
      throw new UsageError(
        'Give the agreement text once; give other documents as --text <document-id>=<file>.',
      );
  }
  if (agreementText === null) throw new UsageError('Give the agreement text: --text <agreement.md>.');
  const record = await readNamed(io, file, 'the receipt');
  const keys = await readNamed(io, keysFile, 'the key set');
  const result = await verifyCountersignedReceipt(record, { keys, text: agreementText, documents });
  if (result.ok) {
    io.out(`VERIFIED ${file}: the server's countersignature holds and the text given is the text agreed to.`);
  } else {
    io.out(
      `NOT VERIFIED ${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}.`,
    );
    for (const p of result.problems.slice(0, 50))
      io.out(`  ✗ ${p.code}${p.path ? ` at ${p.path}` : ''}: ${p.message}`);
  }
  if (result.proof) {
    // What the countersignature proves is that the server received this consent from the person
    // it authenticated, at its own time; what the consent says of the reading, the ticks and the
    // person's clock is what their browser recorded.
    io.out(
      result.ok
        ? 'It proves the server received, from the person it authenticated, a consent that records (what the browser recorded marked so):'
        : 'It claims (not proven):',
    );
    for (const l of describeProof(result.proof)) io.out(l);
  }
  return result.ok ? 0 : 1;
}
