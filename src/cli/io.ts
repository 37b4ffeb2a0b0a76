/** What a command reads and writes: injectable, so tests run commands in-process. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** The command's surroundings. */
export interface CliIo {
  /** Writes a line to standard output. */
  out(line: string): void;
  /** Writes a line to standard error. */
  err(line: string): void;
  /** Reads a file as UTF-8. */
  read(path: string): Promise<string>;
  /**
   * Reads a UTF-8 file line by line (without line endings), for files too long for one string
   * (a log of some 130,000 receipts passes V8's 512 MiB string limit). Without it, `read` is split.
   */
  lines?(path: string): AsyncIterable<string>;
}

/** The real process's io. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  read: (path) => readFile(path, 'utf8'),
  lines: (path) => createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity }),
};

// What a line read from a record or a log must not carry to the terminal as it is: control
// characters (a newline would start a line of its own, an escape sequence can move the cursor and
// write over the verdict) and the bidirectional overrides and isolates that reorder what is shown.
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `line` with every character that could steer a terminal written as its escape (`\n`, `\u001b`). */
export function printable(line: string): string {
  return line.replace(UNPRINTABLE, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `io` writing each line through {@link printable}: for commands that print what a record or a
 * log says (names, ids, times), which its author chose, so each printed line stays one line and
 * says what it shows.
 */
export function printableIo(io: CliIo): CliIo {
  return {
    out: (line) => io.out(printable(line)),
    err: (line) => io.err(printable(line)),
    read: (path) => io.read(path),
    ...(io.lines ? { lines: (path: string) => io.lines!(path) } : {}),
  };
}

/** The error for a file that cannot be read: it names the file and says what it should be. */
function cannotRead(what: string, path: string, error: unknown): Error {
  return new Error(`Cannot read ${what} ${JSON.stringify(path)}: ${(error as Error).message}`, {
    cause: error,
  });
}

/** A byte order mark (some Windows editors write one) is not part of the JSON or the text. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a file, or throws an error that names it and says what it should be. */
export async function readNamed(io: CliIo, path: string, what: string): Promise<string> {
  try {
    return withoutBom(await io.read(path));
  } catch (error) {
    throw cannotRead(what, path, error);
  }
}

/**
 * A file's lines (line endings and a leading byte order mark removed), read as a stream when the
 * io can; throws an error that names the file when it cannot be read.
 */
export async function* readLinesNamed(io: CliIo, path: string, what: string): AsyncGenerator<string> {
  let first = true;
  const clean = (line: string) => {
    const out = first ? withoutBom(line) : line;
    first = false;
    return out.endsWith('\r') ? out.slice(0, -1) : out;
  };
  if (!io.lines) {
    for (const line of (await readNamed(io, path, what)).split('\n')) yield clean(line);
    return;
  }
  let iterator: AsyncIterator<string>;
  try {
    iterator = io.lines(path)[Symbol.asyncIterator]();
  } catch (error) {
    throw cannotRead(what, path, error);
  }
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw cannotRead(what, path, error);
    }
    if (next.done) return;
    yield clean(next.value);
  }
}

/**
 * Reads the key set (`--keys`) and checks that it is a JWKS, or throws an error that names the
 * file and says what to pass: one key, a private key or another file would otherwise fail with
 * a parser's message or a bare "not a JWKS".
 */
export async function readKeySet(io: CliIo, path: string): Promise<string> {
  const text = await readNamed(io, path, 'the key set');
  const named = `The key set ${JSON.stringify(path)}`;
  const publish =
    'pass the JWKS the server publishes at GET <basePath>/.well-known/jwks.json (keyring.jwks() in code).';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${named} is not JSON (${(error as Error).message}): ${publish}`, { cause: error });
  }
  const given = value as { keys?: unknown; kty?: unknown; d?: unknown } | null;
  if (
    typeof given?.d === 'string' ||
    (Array.isArray(given?.keys) &&
      given.keys.some((k) => typeof (k as { d?: unknown } | null)?.d === 'string'))
  )
    throw new Error(
      `${named} is a private key: ${publish} A private key is the server's secret: keep it secret, and make a new one if it was shared.`,
    );
  if (typeof given?.kty === 'string')
    throw new Error(`${named} is one key, not a JWKS: wrap it as { "keys": [ … ] }, or ${publish}`);
  if (!Array.isArray(given?.keys)) throw new Error(`${named} is not a JWKS { "keys": […] }: ${publish}`);
  return text;
}
