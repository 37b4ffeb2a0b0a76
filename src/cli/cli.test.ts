import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../core/index';
import { createCatalog, type AgreementCatalog } from '../server/catalog';
import { createKeyring, generateSigningKey, type Keyring } from '../server/countersign';
import { createClickwrapHandler } from '../server/handler';
import { exportLog } from '../server/log-export';
import { entryHash, type LogEntry } from '../server/log';
import { openSqliteStore } from '../server/stores/sqlite';
import { AGREEMENTS, catalogInput, makeReceipt, setup, TEXTS } from '../server/test-fixtures';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main, type CliIo } from './index';
import { processIo } from './io';
import { ed25519Thumbprint } from './verify';

/** Runs the CLI in-process over an in-memory file system. */
async function run(argv: string[], files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    read: async (p) => {
      if (!(p in files)) throw new Error('ENOENT: no such file');
      return files[p]!;
    },
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A server on an in-memory store, and how a signed-in subject sends it a receipt. */
function server(catalog: AgreementCatalog, keyring: Keyring) {
  const store = openSqliteStore({ path: ':memory:' });
  const handler = createClickwrapHandler({
    store,
    keyring,
    catalog,
    authenticate: (r) => r.headers.get('x-user'),
  });
  const post = (receipt: unknown, subject: string) =>
    handler(
      new Request('http://x/receipts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': subject },
        body: JSON.stringify(receipt),
      }),
    );
  /** Sends an event (`withdrawals`, `declines`) as `subject`. */
  const postEvent = (route: string, event: unknown, subject: string) =>
    handler(
      new Request(`http://x/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': subject },
        body: JSON.stringify(event),
      }),
    );
  return { store, handler, post, postEvent };
}

/** `verify receipt.json` with the Terms and the privacy policy. */
const VERIFY_BOTH = [
  'verify',
  'receipt.json',
  '--text',
  'terms.md',
  '--text',
  'privacy-policy=privacy.md',
  '--keys',
  'jwks.json',
];

async function serverFiles() {
  const { catalog, keyring } = await setup();
  const { store, handler, post } = server(catalog, keyring);
  const send = async (subject: string) => (await post(await makeReceipt(subject), subject)).text();
  const receipt = await send('alice');
  const bob = await send('bob');
  const carol = await send('carol');
  await handler.drain();
  let log = '';
  for await (const line of exportLog(store)) log += line;
  return {
    'receipt.json': receipt,
    'bob.json': bob,
    'carol.json': carol,
    'terms.md': TEXTS.termsV1,
    'terms-v2.md': TEXTS.termsV2,
    'privacy.md': TEXTS.privacy,
    'jwks.json': JSON.stringify(keyring.jwks()),
    'log.jsonl': log,
  } as Record<string, string>;
}

/**
 * Withdrawals and a decline as the server answered them: Alice withdraws the marketing e-mails,
 * Bob consent as a whole, Carol declines both documents after an accept that never arrived.
 */
async function eventFiles() {
  const { catalog, keyring } = await setup();
  const { store, handler, post, postEvent } = server(catalog, keyring);
  for (const subject of ['alice', 'bob'])
    expect((await post(await makeReceipt(subject), subject)).status).toBe(201);
  const recorded = async (route: string, event: unknown, subject: string) => {
    const response = await postEvent(route, event, subject);
    expect(response.status).toBe(201);
    return response.text();
  };
  const undelivered = crypto.randomUUID();
  const files: Record<string, string> = {
    'optional.json': await recorded(
      'withdrawals',
      { id: crypto.randomUUID(), optionalConsents: ['marketing-email'] },
      'alice',
    ),
    'all.json': await recorded('withdrawals', { id: crypto.randomUUID(), all: true }, 'bob'),
    'decline.json': await recorded(
      'declines',
      {
        id: crypto.randomUUID(),
        documents: [
          { id: 'instadesk-terms', version: '2023-01-01' },
          { id: 'privacy-policy', version: '2024-01-01' },
        ],
        receiptId: undelivered,
      },
      'carol',
    ),
    'jwks.json': JSON.stringify(keyring.jwks()),
    'terms.md': TEXTS.termsV1,
  };
  await handler.drain();
  let log = '';
  for await (const line of exportLog(store)) log += line;
  return { files: { ...files, 'log.jsonl': log } as Record<string, string>, undelivered };
}

/** The fields of a withdrawal's or a decline's record that the tests change. */
interface EventRecord {
  withdrawal: { all?: true; optionalConsents?: string[] };
  decline: { documents: unknown[]; receiptId?: string };
  subject: string;
  receivedAt: string;
}

/** A record's JSON, changed by `edit`. */
const edited = (json: string, edit: (record: EventRecord) => void) => {
  const record = JSON.parse(json) as EventRecord;
  edit(record);
  return JSON.stringify(record);
};

describe('react-clickwrap verify, withdrawals and declines', () => {
  it('verifies a withdrawal of optional consents without any text, and prints what it proves', async () => {
    const { files } = await eventFiles();
    const { code, out, err } = await run(['verify', 'optional.json', '--keys', 'jwks.json'], files);
    expect(err).toBe('');
    expect(code).toBe(0);
    const id = JSON.parse(files['optional.json']!).withdrawal.id;
    const receivedAt = JSON.parse(files['optional.json']!).receivedAt;
    expect(out).toMatch(/^VERIFIED optional\.json: the server's countersignature holds/);
    expect(out).toMatch(/It proves the server received, from the person it authenticated, a withdrawal/);
    expect(out).toContain(`withdrawal ${id}`);
    expect(out).toMatch(/the server authenticated "alice"/);
    // The key by its id and its RFC 7638 thumbprint, which a key set made for a forged record
    // cannot share with the server's.
    const { x } = (JSON.parse(files['jwks.json']!) as { keys: { kid: string; x: string }[] }).keys.find(
      (k) => k.kid === 'test-1',
    )!;
    expect(out).toContain(
      `${receivedAt} (server clock), key "test-1" (RFC 7638 thumbprint ${ed25519Thumbprint(x)})`,
    );
    expect(out).toMatch(/withdrawn: +the optional consent marketing-email/);
    expect(out).not.toMatch(/everything/);
  });

  it('verifies a withdrawal of consent as a whole', async () => {
    const { files } = await eventFiles();
    const { code, out } = await run(['verify', 'all.json', '--keys', 'jwks.json'], files);
    expect(code).toBe(0);
    expect(out).toMatch(/^VERIFIED all\.json/);
    expect(out).toMatch(/the server authenticated "bob"/);
    expect(out).toMatch(/withdrawn: +consent as a whole: every document and every optional consent/);
  });

  it('verifies a decline and names the documents declined and the receipt it takes back', async () => {
    const { files, undelivered } = await eventFiles();
    const { code, out } = await run(['verify', 'decline.json', '--keys', 'jwks.json'], files);
    expect(code).toBe(0);
    expect(out).toMatch(/^VERIFIED decline\.json/);
    expect(out).toMatch(/a decline/);
    expect(out).toMatch(/the server authenticated "carol"/);
    expect(out).toMatch(/declined: +instadesk-terms 2023-01-01\n.*declined: +privacy-policy 2024-01-01/);
    expect(out).toContain(`receipt ${undelivered}`);
  });

  it('does not verify (exit 1) a withdrawal whose list, subject or time was edited, and says why', async () => {
    const { files } = await eventFiles();
    const tampered = {
      list: edited(files['optional.json']!, (r) => (r.withdrawal.optionalConsents = ['analytics'])),
      everything: edited(files['optional.json']!, (r) => {
        delete r.withdrawal.optionalConsents;
        r.withdrawal.all = true;
      }),
      subject: edited(files['optional.json']!, (r) => (r.subject = 'bob')),
      time: edited(files['optional.json']!, (r) => (r.receivedAt = '2020-01-01T00:00:00.000Z')),
      declined: edited(files['decline.json']!, (r) => r.decline.documents.pop()),
      takenBack: edited(files['decline.json']!, (r) => delete r.decline.receiptId),
    };
    for (const [name, record] of Object.entries(tampered)) {
      const { code, out } = await run(['verify', `${name}.json`, '--keys', 'jwks.json'], {
        ...files,
        [`${name}.json`]: record,
      });
      expect([name, code]).toEqual([name, 1]);
      expect(out).toMatch(new RegExp(`^NOT VERIFIED ${name}\\.json: 1 problem\\.`));
      expect(out).toMatch(/✗ countersignature at countersignature: .*changed after signing/);
      expect(out).toMatch(/It claims \(not proven\)/);
      expect(out).not.toMatch(/It proves/);
    }
  });

  it('does not verify (exit 1) an event countersigned with a key not in the key set', async () => {
    const { files } = await eventFiles();
    const other = createKeyring(await generateSigningKey('other'));
    const { code, out } = await run(['verify', 'optional.json', '--keys', 'other.json'], {
      ...files,
      'other.json': JSON.stringify(other.jwks()),
    });
    expect(code).toBe(1);
    expect(out).toMatch(/^NOT VERIFIED optional\.json/);
    expect(out).toMatch(/No key with id "test-1" is in the key set/);
    // Signed by another key under the same id: the signature does not hold.
    const impostor = createKeyring(await generateSigningKey('test-1'));
    const swapped = await run(['verify', 'optional.json', '--keys', 'impostor.json'], {
      ...files,
      'impostor.json': JSON.stringify(impostor.jwks()),
    });
    expect(swapped.code).toBe(1);
    expect(swapped.out).toMatch(/✗ countersignature/);
  });

  it('asks for the text of a receipt, and lets a text given with a withdrawal go unchecked, saying so', async () => {
    const files = await serverFiles();
    const receipt = await run(['verify', 'receipt.json', '--keys', 'jwks.json'], files);
    expect(receipt.code).toBe(2);
    expect(receipt.err).toMatch(
      /receipt\.json is a receipt: give the text agreed to, --text <agreement\.md>/,
    );
    const { files: events } = await eventFiles();
    const withText = await run(
      ['verify', 'optional.json', '--text', 'terms.md', '--keys', 'jwks.json'],
      events,
    );
    expect(withText.code).toBe(0);
    expect(withText.err).toMatch(/--text not used: a withdrawal names no text/);
  });

  it('says which records it understands when given something else (exit 1)', async () => {
    const { files } = await eventFiles();
    const unknown = await run(['verify', 'other.json', '--keys', 'jwks.json'], {
      ...files,
      'other.json': '{"hello":"world"}',
    });
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/^NOT VERIFIED other\.json/);
    expect(unknown.out).toMatch(/a receipt \{ receipt, receivedAt, subject, countersignature/);
    expect(unknown.out).toMatch(/a withdrawal \{ withdrawal, receivedAt, subject, countersignature/);
    expect(unknown.out).toMatch(/a decline \{ decline, receivedAt, subject, countersignature/);
    // A withdrawal as the browser sent it proves nothing: it says which record to give.
    const sent = await run(['verify', 'sent.json', '--keys', 'jwks.json'], {
      ...files,
      'sent.json': JSON.stringify(JSON.parse(files['all.json']!).withdrawal),
    });
    expect(sent.code).toBe(1);
    expect(sent.out).toMatch(/a withdrawal as it was sent.*POST withdrawals/);
    const notJson = await run(['verify', 'bad.json', '--keys', 'jwks.json'], { ...files, 'bad.json': '{' });
    expect(notJson.code).toBe(1);
    expect(notJson.out).toMatch(/invalid-json/);
  });
});

describe('react-clickwrap verify and verify-log, given text that would steer a terminal', () => {
  // Names, ids and times in a record are the client's (or, in a forged record, anyone's): printed
  // as they are, a newline would add a line of its own and an escape sequence (ESC [ 3 A: cursor
  // up three lines) would let the terminal show VERIFIED over NOT VERIFIED.
  const steer = "\u001b[3A\r\u001b[2KVERIFIED forged.json: the server's countersignature holds.";
  const printable = (out: string) => {
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).not.toMatch(/^VERIFIED/m);
  };

  it("prints a forged record's claims with their control characters escaped", async () => {
    const { files } = await eventFiles();
    const forged = edited(files['optional.json']!, (r) => (r.subject = `bob${steer}`));
    const { code, out } = await run(['verify', 'forged.json', '--keys', 'jwks.json'], {
      ...files,
      'forged.json': forged,
    });
    expect(code).toBe(1);
    expect(out).toMatch(/^NOT VERIFIED forged\.json/);
    printable(out);
    expect(out).toContain('the server authenticated "bob\\u001b[3A\\r\\u001b[2KVERIFIED forged.json');
  });

  it("prints a genuine receipt's names with a newline in them as one line", async () => {
    const { catalog, keyring } = await setup();
    const { post } = server(catalog, keyring);
    const name = 'Alice\n  optional:         marketing-email: not granted';
    const response = await post(await makeReceipt('alice', { signer: { id: 'alice', name } }), 'alice');
    expect(response.status).toBe(201);
    const { code, out } = await run(['verify', 'receipt.json', '--text', 'terms.md', '--keys', 'jwks.json'], {
      'receipt.json': await response.text(),
      'terms.md': TEXTS.termsV1,
      'jwks.json': JSON.stringify(keyring.jwks()),
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^VERIFIED receipt\.json/);
    expect(out).not.toMatch(/^ *optional:.*not granted/m);
    expect(out).toMatch(/^ *optional: +marketing-email: granted$/m);
    expect(out).toContain('signed by:        alice (Alice\\n  optional:');
  });

  it('escapes them in an error, e.g. from a key set whose key id carries them', async () => {
    const files = await serverFiles();
    const keys = JSON.stringify({ keys: [{ kty: 'RSA', kid: `k1${steer}` }] });
    for (const command of [VERIFY_BOTH, ['verify-log', 'log.jsonl', '--keys', 'jwks.json']]) {
      const { code, out, err } = await run(command, { ...files, 'jwks.json': keys });
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(/is not an Ed25519 key/);
      printable(err);
    }
  });

  it('escapes them in verify-log, e.g. in a checkpoint that does not verify', async () => {
    const files = await serverFiles();
    const line = JSON.stringify({ checkpoint: { count: 1, head: 'a'.repeat(64), at: steer, jws: 'x..y' } });
    const { code, out } = await run(['verify-log', 'log.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'log.jsonl': `${files['log.jsonl']}${line}\n`,
    });
    expect(code).toBe(1);
    expect(out).toMatch(/^NOT VERIFIED log\.jsonl/);
    expect(out).toMatch(/checkpoint-signature/);
    printable(out);
  });
});

describe('react-clickwrap verify', () => {
  it("names the key by its RFC 7638 thumbprint (RFC 8037's Ed25519 example)", () => {
    // RFC 8037, appendix A.3: the thumbprint of the public key of appendix A.2.
    expect(ed25519Thumbprint('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo')).toBe(
      'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
    );
  });

  it('verifies a countersigned receipt and prints what it proves', async () => {
    const files = await serverFiles();
    const { code, out } = await run(VERIFY_BOTH, files);
    expect(code).toBe(0);
    expect(out).toMatch(/^VERIFIED receipt\.json/);
    expect(out).toMatch(/signed by: +alice \(Test Person\); the server authenticated "alice"/);
    expect(out).toMatch(/document: +instadesk-terms 2023-01-01, sha256 [0-9a-f]{64} \(text matches\)/);
    expect(out).toMatch(
      /read: +to the end at .* \(as the browser recorded\); key clauses seen (\d+)\/\1; required "whole"/,
    );
    expect(out).toMatch(/optional: +marketing-email: granted/);
  });

  it('says in its verdict which documents it did not check, and how to check them', async () => {
    const files = await serverFiles();
    const termsOnly = await run(
      ['verify', 'receipt.json', '--text', 'terms.md', '--keys', 'jwks.json'],
      files,
    );
    expect(termsOnly.code).toBe(0);
    expect(termsOnly.out.split('\n')[0]).toBe(
      "VERIFIED receipt.json: the server's countersignature holds and the text given is the text agreed to. " +
        'Not checked: the text of privacy-policy 2024-01-01, not given (--text privacy-policy=<file>).',
    );
    const both = await run(VERIFY_BOTH, files);
    expect(both.out.split('\n')[0]).toBe(
      "VERIFIED receipt.json: the server's countersignature holds and the text given is the text agreed to.",
    );
  });

  it("prints each document's own language when the receipt records it, and the UI's", async () => {
    const { catalog, keyring } = await setup();
    const { post } = server(catalog, keyring);
    const { id, version } = AGREEMENTS.terms;
    const terms = parseAgreement({ id, version, markdown: TEXTS.termsV1, language: 'en' });
    const receipt = await makeReceipt('alice', { agreement: terms, locale: 'fr' });
    const answer = await post(receipt, 'alice');
    expect(answer.status).toBe(201);
    const files = await serverFiles();
    const { code, out } = await run(VERIFY_BOTH, {
      ...files,
      'receipt.json': await answer.text(),
      'jwks.json': JSON.stringify(keyring.jwks()),
    });
    expect(code).toBe(0);
    expect(out).toMatch(/UI language: +fr/);
    expect(out).toMatch(/document: +instadesk-terms .*\n +language: +en \(as the app declared it\)\n/);
    // The privacy policy declared none: no line says a language for it.
    expect(out).toMatch(/document: +privacy-policy [^\n]*\n +read:/);
  });

  it('reads files saved with a byte order mark', async () => {
    const files = await serverFiles();
    const bom = (name: string) => `\uFEFF${files[name]}`;
    const receipt = await run(VERIFY_BOTH, {
      ...files,
      'receipt.json': bom('receipt.json'),
      'terms.md': bom('terms.md'),
    });
    expect(receipt.code).toBe(0);
    const log = await run(['verify-log', 'log.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'log.jsonl': bom('log.jsonl'),
      'jwks.json': bom('jwks.json'),
    });
    expect(log.code).toBe(0);
    expect(log.out).toMatch(/^VERIFIED log\.jsonl: 3 entries/);
  });

  it('reads a log from disk as a stream, Windows line endings and a byte order mark included', async () => {
    const files = await serverFiles();
    const dir = await mkdtemp(path.join(tmpdir(), 'rcw-cli-'));
    try {
      const log = path.join(dir, 'log.jsonl');
      const jwks = path.join(dir, 'jwks.json');
      await writeFile(log, `\uFEFF${files['log.jsonl']!.replace(/\n/g, '\r\n')}`);
      await writeFile(jwks, files['jwks.json']!);
      const out: string[] = [];
      const code = await main(['verify-log', log, '--keys', jwks], {
        ...processIo,
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      });
      expect(out.join('\n')).toMatch(/^VERIFIED .*log\.jsonl: 3 entries/);
      expect(code).toBe(0);
      const missing = await main(['verify-log', path.join(dir, 'none.jsonl'), '--keys', jwks], {
        ...processIo,
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      });
      expect(missing).toBe(1);
      expect(out.at(-1)).toMatch(/Cannot read the log ".*none\.jsonl": ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails (exit 1) for another text or an edited receipt, and says why', async () => {
    const files = await serverFiles();
    const wrongText = await run(
      ['verify', 'receipt.json', '--text', 'terms-v2.md', '--keys', 'jwks.json'],
      files,
    );
    expect(wrongText.code).toBe(1);
    expect(wrongText.out).toMatch(/NOT VERIFIED[\s\S]*agreement-mismatch/);
    expect(wrongText.out).toMatch(/privacy-policy 2024-01-01.*text not given/);
    // The printout never contradicts the finding: the text given is said not to match.
    expect(wrongText.out).toMatch(
      /instadesk-terms 2023-01-01, sha256 [0-9a-f]{64} \(the text given does NOT match\)/,
    );
    expect(wrongText.out).not.toMatch(/text matches/);
    const edited = JSON.parse(files['receipt.json']!);
    edited.receipt.signer.id = 'mallory';
    const tampered = await run(['verify', 'edited.json', '--text', 'terms.md', '--keys', 'jwks.json'], {
      ...files,
      'edited.json': JSON.stringify(edited),
    });
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/countersignature[\s\S]*It claims \(not proven\)/);
  });

  it('does not verify (exit 1) a record that names a key twice, whichever copy is signed', async () => {
    const files = await serverFiles();
    const record = files['receipt.json']!;
    // Bob's receipt written before Alice's: JSON.parse keeps Alice's, whose countersignature
    // holds; a reader, or a parser that keeps the first, would take the record for Bob's.
    const bob = JSON.stringify((JSON.parse(files['bob.json']!) as { receipt: unknown }).receipt);
    const twice = await run(['verify', 'twice.json', '--text', 'terms.md', '--keys', 'jwks.json'], {
      ...files,
      'twice.json': `{"receipt":${bob},${record.slice(1)}`,
    });
    expect(twice.code).toBe(1);
    expect(twice.out).toMatch(
      /^NOT VERIFIED twice\.json: 1 problem\.\n {2}✗ duplicate-key at receipt: .*"receipt" twice/,
    );
    expect(twice.out).not.toMatch(/It proves/);
  });

  it('verifies a receipt against the text as served with its plain-language summaries, summaries checked', async () => {
    // The Terms as their author serves them, with a summary of one key clause.
    const clause = AGREEMENTS.terms.keyClauses[0]!;
    const source = `${TEXTS.termsV1}\n## Plain-language summaries\n\n- \`${clause.id}\`: In short, this matters.\n`;
    const input = catalogInput();
    const catalog = await createCatalog({
      ...input,
      agreement: { ...input.agreement, versions: [{ version: '2023-01-01', markdown: source }] },
    });
    const keyring = createKeyring(await generateSigningKey('k1'));
    const { handler, post } = server(catalog, keyring);
    const served = (await (await handler(new Request('http://x/agreements/instadesk-terms'))).json()) as {
      markdown: string;
    };
    expect(served.markdown).toMatch(/## Plain-language summaries/);
    const agreement = parseAgreement({
      id: 'instadesk-terms',
      version: '2023-01-01',
      markdown: served.markdown,
    });
    const response = await post(await makeReceipt('alice', { agreement }), 'alice');
    expect(response.status).toBe(201);
    const files = {
      'receipt.json': await response.text(),
      'terms.md': served.markdown,
      'other-summaries.md': served.markdown.replace('In short, this matters.', 'Nothing to see.'),
      'jwks.json': JSON.stringify(keyring.jwks()),
    };
    const genuine = await run(['verify', 'receipt.json', '--text', 'terms.md', '--keys', 'jwks.json'], files);
    expect(genuine.out).toMatch(/^VERIFIED receipt\.json/);
    expect(genuine.out).toMatch(
      /document: +instadesk-terms 2023-01-01, sha256 [0-9a-f]{64} \(text matches\)/,
    );
    expect(genuine.code).toBe(0);
    const other = await run(
      ['verify', 'receipt.json', '--text', 'other-summaries.md', '--keys', 'jwks.json'],
      files,
    );
    expect(other.code).toBe(1);
    expect(other.out).toMatch(
      /^NOT VERIFIED receipt\.json: 1 problem\.\n.*summaries-mismatch at agreement\.summaries\.sha256/,
    );
  });

  it('fails (exit 1) for a text given for a document the receipt does not list, and names it', async () => {
    const { catalog, keyring } = await setup();
    const { post } = server(catalog, keyring);
    const send = (receipt: unknown) => post(receipt, 'alice');
    // Alice accepted the privacy policy before, so a later receipt may leave it out.
    expect((await send(await makeReceipt('alice'))).status).toBe(201);
    const response = await send(await makeReceipt('alice', { additionalDocuments: [] }));
    expect(response.status).toBe(201);
    const files = {
      'receipt.json': await response.text(),
      'terms.md': TEXTS.termsV1,
      'privacy.md': 'Any text at all, e.g. a policy that was never shown.\n',
      'jwks.json': JSON.stringify(keyring.jwks()),
    };
    const { code, out } = await run(VERIFY_BOTH, files);
    expect(code).toBe(1);
    expect(out).not.toMatch(/^VERIFIED/m);
    expect(out).not.toMatch(/the text given is the text agreed to/);
    expect(out).toMatch(
      /^NOT VERIFIED receipt\.json: 1 problem\.\n.*document-missing.*"privacy-policy".*The receipt lists instadesk-terms 2023-01-01 and no other document\./,
    );
    expect(out).toMatch(/It claims \(not proven\)/);
  });

  it('dispatches lint too', async () => {
    const { code, out } = await run(['lint', 'terms.md'], { 'terms.md': '# Terms\n\n1. One.\n2. Two.\n' });
    expect(code).toBe(0);
    expect(out).toBe('No problems in 1 file.');
  });

  it('prints the package version with --version or -v (exit 0)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-v'])
      expect(await run([flag], {})).toEqual({ code: 0, out: version, err: '' });
    expect((await run(['--help'], {})).out).toContain('react-clickwrap --version');
  });

  it('explains usage mistakes (exit 2) and unreadable files (exit 1)', async () => {
    expect((await run(['verify', 'receipt.json'], {})).code).toBe(2);
    expect((await run(['nope'], {})).err).toMatch(/Unknown command "nope"/);
    // A mistyped flag is refused, not ignored: it would skip the check it names.
    const typo = await run(['verify-log', 'log.jsonl', '--keys', 'jwks.json', '--countersigs'], {});
    expect([typo.code, typo.err]).toEqual([
      2,
      expect.stringMatching(/Unknown option "--countersigs".*--countersignatures/),
    ]);
    expect((await run(['verify', 'r.json', '--text', 't.md', '--keys', 'k.json', '--strict'], {})).code).toBe(
      2,
    );
    // A document's text given twice: one of them would go unchecked while the verdict covers "it".
    const twice = await run(
      [
        'verify',
        'receipt.json',
        '--text',
        'terms.md',
        '--text',
        'privacy-policy=a.md',
        '--text',
        'privacy-policy=b.md',
        '--keys',
        'jwks.json',
      ],
      { 'receipt.json': '{}', 'terms.md': 'x', 'a.md': 'a', 'b.md': 'b', 'jwks.json': '{"keys":[]}' },
    );
    expect([twice.code, twice.err]).toEqual([
      2,
      expect.stringMatching(/Give the text of privacy-policy once/),
    ]);
    const missing = await run(['verify', 'receipt.json', '--text', 'terms.md', '--keys', 'jwks.json'], {});
    expect([missing.code, missing.err]).toEqual([
      1,
      expect.stringMatching(/Cannot read the agreement text "terms\.md"/),
    ]);
  });
});

describe('react-clickwrap verify and verify-log, given the wrong file or key set', () => {
  it('names a key set that is not JSON, or not a JWKS, and says what to pass (exit 1)', async () => {
    const files = await serverFiles();
    const jwks = JSON.parse(files['jwks.json']!) as { keys: Record<string, unknown>[] };
    const cases: [string, RegExp][] = [
      [
        'hello',
        /^The key set "keys\.json" is not JSON \(.*\): pass the JWKS the server publishes at GET <basePath>\/\.well-known\/jwks\.json \(keyring\.jwks\(\) in code\)\.$/,
      ],
      [
        JSON.stringify(jwks.keys),
        /^The key set "keys\.json" is not a JWKS \{ "keys": \[…\] \}: pass the JWKS/,
      ],
      [
        JSON.stringify(jwks.keys[0]),
        /^The key set "keys\.json" is one key, not a JWKS: wrap it as \{ "keys": \[ … \] \}/,
      ],
      [
        JSON.stringify({ ...jwks.keys[0], d: 'secret' }),
        /^The key set "keys\.json" is a private key: .*keep it secret/,
      ],
    ];
    for (const [text, message] of cases) {
      for (const argv of [
        ['verify', ...VERIFY_BOTH.slice(1, -1), 'keys.json'],
        ['verify-log', 'log.jsonl', '--keys', 'keys.json'],
      ]) {
        const { code, err } = await run(argv, { ...files, 'keys.json': text });
        expect([argv[0], code, err]).toEqual([argv[0], 1, expect.stringMatching(message)]);
      }
    }
  });

  it('says a log export given to verify is a log, to check with verify-log', async () => {
    const files = await serverFiles();
    const { code, out } = await run(['verify', 'log.jsonl', '--keys', 'jwks.json'], files);
    expect(code).toBe(1);
    expect(out).toMatch(
      /✗ invalid-json: The record is not JSON\.\n {2}log\.jsonl holds one JSON object a line, as a log export does: check a log with react-clickwrap verify-log log\.jsonl --keys jwks\.json\.$/,
    );
  });

  it('refuses --keys given twice (exit 2), rather than ignore the second', async () => {
    const files = await serverFiles();
    for (const argv of [
      [...VERIFY_BOTH, '--keys', 'other.json'],
      ['verify-log', 'log.jsonl', '--keys', 'jwks.json', '--keys', 'other.json'],
    ]) {
      const { code, err } = await run(argv, { ...files, 'other.json': files['jwks.json']! });
      expect([code, err]).toEqual([
        2,
        expect.stringMatching(/^Give --keys once: the server's JWKS holds every key it signed with/),
      ]);
    }
  });

  it('says another key under the same id may be why a countersignature does not verify', async () => {
    const files = await serverFiles();
    const { keyring } = await setup(); // a key of another server, under the same id "test-1"
    const { code, out } = await run(VERIFY_BOTH, { ...files, 'jwks.json': JSON.stringify(keyring.jwks()) });
    expect(code).toBe(1);
    expect(out).toMatch(
      /✗ countersignature at countersignature: The signature by key "test-1" does not match the content: it was changed after signing, or the key set holds another key under that id \(pass the JWKS of the server that signed it\)\./,
    );
  });
});

describe('react-clickwrap verify-log', () => {
  it('says a countersigned record given as the log is a record, and how to check it (exit 2)', async () => {
    const files = await serverFiles();
    const { code, err } = await run(['verify-log', 'receipt.json', '--keys', 'jwks.json'], files);
    expect([code, err]).toEqual([
      2,
      'receipt.json line 1 is a countersigned record (what the server answered), not a line of a log export: check it with react-clickwrap verify, or pass it to verify-log as --expect-head.',
    ]);
  });

  it('does not say VERIFIED for an empty file (exit 1)', async () => {
    const files = await serverFiles();
    for (const empty of ['', '\n\n']) {
      const { code, out } = await run(['verify-log', 'empty.jsonl', '--keys', 'jwks.json'], {
        ...files,
        'empty.jsonl': empty,
      });
      expect([code, out]).toEqual([
        1,
        'NOT VERIFIED empty.jsonl: it holds no log entry. Export the log into it (exportLog(store)), one entry a line.',
      ]);
    }
  });

  it('verifies an exported log with its checkpoints and countersignatures', async () => {
    const files = await serverFiles();
    const { code, out } = await run(
      ['verify-log', 'log.jsonl', '--keys', 'jwks.json', '--countersignatures'],
      files,
    );
    expect(code).toBe(0);
    expect(out).toMatch(/3 entries in one unbroken chain/);
    expect(out).toMatch(/1 signed checkpoint verified/);
    expect(out).toMatch(/every countersignature verified; 3 subjects/);
  });

  it('names a deleted entry and an edited one', async () => {
    const files = await serverFiles();
    const lines = files['log.jsonl']!.trim().split('\n');
    const deleted = await run(['verify-log', 'd.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'd.jsonl': [lines[0], lines[2], lines[3]].join('\n'),
    });
    expect(deleted.code).toBe(1);
    expect(deleted.out).toMatch(/deleted.*Entries seq 2 before entry seq 3/);
    const entry = JSON.parse(lines[1]!);
    entry.payload = entry.payload.replace('"granted":true', '"granted":false');
    const edited = await run(['verify-log', 'e.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'e.jsonl': [lines[0], JSON.stringify(entry), lines[2], lines[3]].join('\n'),
    });
    expect(edited.out).toMatch(/edited.*entry seq 2 .* was edited/);
  });

  it("names a problem's entry and its line in the file, checkpoints and blank lines between", async () => {
    const files = await serverFiles();
    const [first, second, third, checkpoint] = files['log.jsonl']!.trim().split('\n');
    const entry = JSON.parse(second!);
    entry.payload = entry.payload.replace('"granted":true', '"granted":false');
    const result = await run(['verify-log', 'e.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'e.jsonl': [checkpoint, '', first, JSON.stringify(entry), third].join('\n'),
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/✗ edited \(entry 2, line 4\): entry seq 2 .* was edited/);
  });

  it("names the kind and the subject of a problem's entry", async () => {
    const { files } = await eventFiles();
    const lines = files['log.jsonl']!.trim().split('\n');
    const kinds = lines.map((l) => (JSON.parse(l) as { kind?: string }).kind ?? 'checkpoint');
    expect(kinds).toEqual(['receipt', 'receipt', 'withdrawal', 'withdrawal', 'decline', 'checkpoint']);
    const withdrawal = JSON.parse(lines[2]!);
    withdrawal.payload = withdrawal.payload.replace('"marketing-email"', '"analytics"');
    const receipt = JSON.parse(lines[1]!);
    receipt.payload = receipt.payload.replace('"granted":true', '"granted":false');
    const result = await run(['verify-log', 'e.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'e.jsonl': [lines[0], JSON.stringify(receipt), JSON.stringify(withdrawal), ...lines.slice(3)].join(
        '\n',
      ),
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /✗ edited \(entry 2, line 2\): entry seq 2 \(receipt, subject "bob", id "[^"]+"\) was edited/,
    );
    expect(result.out).toMatch(
      /✗ edited \(entry 3, line 3\): entry seq 3 \(withdrawal, subject "alice", id "[^"]+"\) was edited/,
    );
  });

  it('names the kind and the subject of an entry that is not a log entry, when it can be read', async () => {
    const { files } = await eventFiles();
    const lines = files['log.jsonl']!.trim().split('\n');
    const decline = JSON.parse(lines[4]!);
    delete decline.hash;
    const result = await run(['verify-log', 'm.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'm.jsonl': [...lines.slice(0, 4), JSON.stringify(decline), lines[5]].join('\n'),
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /✗ malformed \(entry 5, line 5\): Entry 5 of the export \(position 4; decline, subject "carol", id "[^"]+"\) is not a log entry/,
    );
  });

  it('names a line repeated as the copy it is, and the entry it copies as in its place', async () => {
    const files = await serverFiles();
    const [first, second, third, checkpoint] = files['log.jsonl']!.trim().split('\n');
    const result = await run(['verify-log', 'copy.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'copy.jsonl': [first, second, second, third, checkpoint].join('\n'),
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/1 problem in 4 entries/);
    expect(result.out).toMatch(
      /✗ replayed \(entry 3, line 3\): entry seq 2 .* records again the event of entry seq 2/,
    );
    expect(result.out).not.toMatch(/reordered|checkpoint-mismatch/);
  });

  it('does not verify a line that names a key twice, even with the copy JSON.parse keeps as the server wrote it', async () => {
    const files = await serverFiles();
    const [first, ...rest] = files['log.jsonl']!.trim().split('\n');
    // A reader of the export sees Mallory's receipt first; JSON.parse keeps the genuine payload.
    const bob = (JSON.parse(files['bob.json']!) as { receipt: unknown }).receipt;
    const forged = `{"payload":${JSON.stringify(JSON.stringify({ receipt: bob }))},${first!.slice(1)}`;
    const result = await run(['verify-log', 'twice.jsonl', '--keys', 'jwks.json', '--countersignatures'], {
      ...files,
      'twice.jsonl': [forged, ...rest].join('\n'),
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^NOT VERIFIED twice\.jsonl/);
    expect(result.out).toMatch(/✗ malformed \(entry 1, line 1\)/);
    expect(result.err).toMatch(/line 1 names "payload" twice/);
  });

  it("verifies a live server's export taken through handler.checkpoint(), appends going on", async () => {
    const { catalog, keyring } = await setup();
    const { store, handler, post } = server(catalog, keyring);
    expect((await post(await makeReceipt('alice'), 'alice')).status).toBe(201);
    expect((await post(await makeReceipt('bob'), 'bob')).status).toBe(201);
    const head = await handler.checkpoint();
    expect(head?.count).toBe(2);
    // Carol's arrives after the checkpoint: left out of this export, which stays covered.
    expect((await post(await makeReceipt('carol'), 'carol')).status).toBe(201);
    let covered = '';
    for await (const line of exportLog(store, { through: head!.count })) covered += line;
    let everything = '';
    for await (const line of exportLog(store)) everything += line;
    const files = {
      'jwks.json': JSON.stringify(keyring.jwks()),
      'covered.jsonl': covered,
      'all.jsonl': everything,
    };
    const ok = await run(
      ['verify-log', 'covered.jsonl', '--keys', 'jwks.json', '--countersignatures'],
      files,
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^VERIFIED covered\.jsonl: 2 entries[\s\S]*the newest covering every entry/);
    // The whole log, Carol's entry after the newest checkpoint stored: not verified, and said why.
    const all = await run(['verify-log', 'all.jsonl', '--keys', 'jwks.json', '--countersignatures'], files);
    expect(all.code).toBe(1);
    expect(all.out).toMatch(/^NOT VERIFIED all\.jsonl: entry 3 of 3 is covered by no signed checkpoint/);
    await handler.drain();
  });

  it('does not say VERIFIED for an entry deleted and the rest re-linked, where no checkpoint covers it', async () => {
    const files = await serverFiles();
    const lines = files['log.jsonl']!.trim().split('\n');
    const entries = lines.filter((l) => !l.startsWith('{"checkpoint"')).map((l) => JSON.parse(l) as LogEntry);
    // Bob's entry taken out, Carol's re-linked to Alice's (seq and hash recomputed), and the
    // stored checkpoint dropped: a chain with no break, as someone able to rewrite the log makes.
    const carol = { ...entries[2]!, seq: 2, prev: entries[0]!.hash };
    carol.hash = entryHash(carol);
    const relinked = [entries[0], carol].map((e) => JSON.stringify(e)).join('\n');
    const result = await run(['verify-log', 'r.jsonl', '--keys', 'jwks.json', '--countersignatures'], {
      ...files,
      'r.jsonl': relinked,
    });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /^NOT VERIFIED r\.jsonl: entries 1–2 of 2 are covered by no signed checkpoint/,
    );
    expect(result.out).toMatch(/could have deleted, reordered or re-linked entries without it showing/);
    // With the stored checkpoint kept, the missing entry shows.
    const withCheckpoint = await run(['verify-log', 'r.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'r.jsonl': [relinked, lines.find((l) => l.startsWith('{"checkpoint"'))].join('\n'),
    });
    expect(withCheckpoint.code).toBe(1);
    expect(withCheckpoint.out).toMatch(
      /An entry is missing: the checkpoint signed at .* counts 3 entries, the log has 2/,
    );
  });

  it('shows entries cut from the end only against a checkpoint kept outside the log (--expect-head)', async () => {
    const files = await serverFiles();
    // The export without its last entry and without the checkpoint stored after it.
    const lines = files['log.jsonl']!.trim().split('\n');
    const cut = lines
      .filter((l) => !l.startsWith('{"checkpoint"'))
      .slice(0, 2)
      .join('\n');
    // Alone, nothing signed covers the two entries left: not verified, and it says why.
    const alone = await run(['verify-log', 'cut.jsonl', '--keys', 'jwks.json'], {
      ...files,
      'cut.jsonl': cut,
    });
    expect(alone.code).toBe(1);
    expect(alone.out).toMatch(
      /^NOT VERIFIED cut\.jsonl: entries 1–2 of 2 are covered by no signed checkpoint/,
    );
    // Alice's response (seq 1) covers entry 1 only; Bob's (seq 2) covers what is left; Carol's
    // (seq 3) shows the cut.
    const alice = await run(
      ['verify-log', 'cut.jsonl', '--keys', 'jwks.json', '--expect-head', 'receipt.json'],
      { ...files, 'cut.jsonl': cut },
    );
    expect(JSON.parse(files['receipt.json']!).checkpoint.count).toBe(1);
    expect(alice.code).toBe(1);
    expect(alice.out).toMatch(
      /entry 2 of 2 is covered by no signed checkpoint[\s\S]*Entry 1 is in one unbroken chain/,
    );
    const bob = await run(['verify-log', 'cut.jsonl', '--keys', 'jwks.json', '--expect-head', 'bob.json'], {
      ...files,
      'cut.jsonl': cut,
    });
    expect(bob.code).toBe(0);
    expect(bob.out).toMatch(
      /^VERIFIED cut\.jsonl: 2 entries[\s\S]*the newest covering every entry; 1 kept outside the log/,
    );
    const later = await run(
      ['verify-log', 'cut.jsonl', '--keys', 'jwks.json', '--expect-head', 'last.json'],
      {
        ...files,
        'cut.jsonl': cut,
        'last.json': files['carol.json']!,
      },
    );
    expect(later.code).toBe(1);
    expect(later.out).toMatch(
      /deleted.*An entry is missing: the checkpoint signed at .* counts 3 entries, the log has 2/,
    );
  });
});
