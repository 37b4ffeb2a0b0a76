/** What a command reads and writes: injectable, so tests run commands in-process. */
import { readFile } from 'node:fs/promises';

/** The command's surroundings. */
export interface CliIo {
  /** Writes a line to standard output. */
  out(line: string): void;
  /** Writes a line to standard error. */
  err(line: string): void;
  /** Reads a file as UTF-8. */
  read(path: string): Promise<string>;
}

/** The real process's io. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  read: (path) => readFile(path, 'utf8'),
};

/** Reads a file, or throws an error that names it and says what it should be. */
export async function readNamed(io: CliIo, path: string, what: string): Promise<string> {
  let text: string;
  try {
    text = await io.read(path);
  } catch (error) {
    throw new Error(`Cannot read ${what} ${JSON.stringify(path)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // A byte order mark (some Windows editors write one) is not part of the JSON or the text.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
