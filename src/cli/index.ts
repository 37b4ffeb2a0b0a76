/**
 * The react-clickwrap command line: checks countersigned records (receipts, withdrawals,
 * declines) and logs offline, with the server's public keys, and lints agreements. No React, no
 * network.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { UsageError } from './args';
import { printable, processIo, type CliIo } from './io';
import { LINT_USAGE_LINE, lintCommand } from './lint';
import { VERIFY_LOG_USAGE, verifyLogCommand } from './verify-log';
import { VERIFY_USAGE, verifyCommand } from './verify';

export type { CliIo } from './io';

const USAGE = [
  'Usage:',
  `  ${VERIFY_USAGE}`,
  `  ${VERIFY_LOG_USAGE}`,
  `  ${LINT_USAGE_LINE}`,
  '  react-clickwrap --version',
].join('\n');

/**
 * The installed package's version, read from its package.json at run time: the CLI runs from
 * dist/cli/ (src/cli/ in the tests), two folders below it either way.
 */
function packageVersion(): string {
  const here =
    typeof import.meta === 'object' && import.meta.url ? import.meta.url : pathToFileURL(__filename).href;
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', here), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * Runs the CLI with `argv` (without `node` and the script). Resolves to the exit code:
 * 0 verified, 1 not verified (or a file could not be read), 2 a usage mistake.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'verify') return await verifyCommand(rest, io);
    if (command === 'verify-log') return await verifyLogCommand(rest, io);
    if (command === 'lint') return await lintCommand(rest, io);
    if (command === '--version' || command === '-v') {
      io.out(packageVersion());
      return 0;
    }
    if (command === undefined || command === '--help' || command === 'help') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`Unknown command ${JSON.stringify(command)}.\n${USAGE}`);
  } catch (error) {
    // A message may quote what a file holds (a key set's key id): each of its lines is printed as
    // one line, control characters escaped, so it cannot write over what the terminal shows.
    const say = (message: string) => message.split('\n').forEach((line) => io.err(printable(line)));
    if (error instanceof UsageError) {
      say(error.message);
      return 2;
    }
    say(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
