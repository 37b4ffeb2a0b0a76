/**
 * `react-clickwrap verify-log log.jsonl --keys jwks.json [--expect-head file]… [--countersignatures]`:
 * checks an exported log offline. The file has one JSON object a line: a log entry, or
 * `{ "checkpoint": {...} }`. Each `--expect-head` file holds checkpoints kept outside the
 * database (a receipt as the server returned it, with its `checkpoint`; a checkpoint from
 * `GET log/checkpoint`; one JSON object a line): entries deleted from the log's end show only
 * against those.
 */
import { repeatedKey } from '../server/jcs';
import type { Checkpoint } from '../server/log';
import { verifyLog } from '../server/log-verify';
import { KEYS_ONCE, parseArgs, single, UsageError } from './args';
import { printableIo, readKeySet, readLinesNamed, readNamed, type CliIo } from './io';

/** The usage line. */
export const VERIFY_LOG_USAGE =
  'react-clickwrap verify-log <log.jsonl> --keys <jwks.json> [--expect-head <checkpoint.json>]… [--countersignatures]';

/** Runs `verify-log`; returns the exit code (0 verified, 1 not, 2 usage). */
export async function verifyLogCommand(argv: readonly string[], given: CliIo): Promise<number> {
  // What the log says is printed, and its author chose it: each line printed as one line.
  const io = printableIo(given);
  const args = parseArgs(argv, ['keys', 'expect-head'], ['countersignatures']);
  const [file, extra] = args.positional;
  const keysFile = single(args, 'keys', KEYS_ONCE);
  if (!file || extra !== undefined || !keysFile) throw new UsageError(`Usage: ${VERIFY_LOG_USAGE}`);
  const keys = await readKeySet(io, keysFile);
  const checkpoints: Checkpoint[] = [];
  const expected = args.options.get('expect-head') ?? [];
  let held = 0;
  // The file's line of each entry: checkpoints and blank lines stand between entries, so a
  // problem names both, and the line is what an editor opens.
  const lineOf: number[] = [];
  const subjects = new Set<string>();
  // Line by line, each entry handed to verifyLog as it is read and not kept: an export may be
  // longer than one string can hold, and its entries than memory.
  async function* logEntries(): AsyncGenerator<unknown> {
    let i = -1;
    for await (const raw of readLinesNamed(io, file!, 'the log')) {
      i++;
      if (raw.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        // Kept as a malformed entry, so verifyLog names its position.
        value = null;
        io.err(`line ${i + 1} is not JSON.`);
      }
      // A key named twice: JSON.parse keeps the last, a reader (or another parser) the first, so
      // the line says two things, and the server never writes one. Malformed too.
      const repeated = value === null ? null : repeatedKey(raw);
      if (repeated) {
        value = null;
        io.err(
          `line ${i + 1} names ${JSON.stringify(repeated.key)} twice${repeated.path === repeated.key ? '' : ` (at ${repeated.path})`}: readers of JSON differ on which counts.`,
        );
      }
      const checkpoint = (value as { checkpoint?: Checkpoint } | null)?.checkpoint;
      // A record as the server answered it carries a checkpoint too: taken for a checkpoint line,
      // it would leave the "log" empty and report entries deleted.
      if (checkpoint && typeof (value as { countersignature?: unknown }).countersignature === 'string')
        throw new UsageError(
          `${file} line ${i + 1} is a countersigned record (what the server answered), not a line of a log export: check it with react-clickwrap verify, or pass it to verify-log as --expect-head.`,
        );
      if (checkpoint) checkpoints.push(checkpoint);
      else {
        const subject = (value as { subject?: unknown } | null)?.subject;
        if (typeof subject === 'string') subjects.add(subject);
        lineOf.push(i + 1);
        yield value;
      }
    }
    // verifyLog reads the checkpoints once the entries are read: those kept outside the log join
    // those found in it.
    for (const name of expected) {
      const lines = (await readNamed(io, name, 'the expected head')).split('\n').filter((l) => l.trim());
      for (const line of lines) {
        let value: { checkpoint?: Checkpoint; count?: unknown } | null = null;
        try {
          value = JSON.parse(line);
        } catch {
          // Reported below.
        }
        const checkpoint =
          value?.checkpoint ?? (typeof value?.count === 'number' ? (value as Checkpoint) : null);
        if (!checkpoint)
          throw new UsageError(
            `${name}: each line must be a checkpoint { count, head, at, jws } or a receipt record with one.`,
          );
        checkpoints.push(checkpoint);
        held++;
      }
    }
  }
  const result = await verifyLog(logEntries(), {
    keys,
    checkpoints,
    countersignatures: args.flags.has('countersignatures'),
  });
  if (result.ok && result.entries === 0) {
    // An export holds at least the entries a checkpoint covers: an empty file is a failed export
    // or the wrong file, and nothing in it is verified.
    io.out(
      `NOT VERIFIED ${file}: it holds no log entry. Export the log into it (exportLog(store)), one entry a line.`,
    );
    return 1;
  }
  const countersigned = args.flags.has('countersignatures');
  const checkpointsLine = `${result.checkpointsVerified} signed checkpoint${result.checkpointsVerified === 1 ? '' : 's'} verified`;
  if (result.ok && result.anchoredThrough === result.entries) {
    io.out(`VERIFIED ${file}: ${result.entries} entries in one unbroken chain, head ${result.head}.`);
    io.out(
      `  ${checkpointsLine}, the newest covering every entry${held > 0 ? `; ${held} kept outside the log: it is at least as long as they say` : ' (none kept outside the log given: entries deleted from its end, back to a checkpoint, would not show; pass --expect-head)'}.`,
    );
    io.out(
      `  ${countersigned ? 'every countersignature verified' : 'countersignatures not checked (add --countersignatures: a copy of a stored event, a replay, shows only then)'}; ${subjects.size} subject${subjects.size === 1 ? '' : 's'}.`,
    );
    return 0;
  }
  if (result.ok) {
    // The chain holds, but its end is signed by nothing: a rewrite there would not show.
    const from = result.anchoredThrough + 1;
    io.out(
      `NOT VERIFIED ${file}: ${from === result.entries ? `entry ${from}` : `entries ${from}–${result.entries}`} of ${result.entries} ${from === result.entries ? 'is' : 'are'} covered by no signed checkpoint.`,
    );
    io.out(
      result.anchoredThrough === 0
        ? `  ${checkpointsLine}; none covers any entry of this log.`
        : `  ${result.anchoredThrough === 1 ? 'Entry 1 is' : `Entries 1–${result.anchoredThrough} are`} in one unbroken chain that a signed checkpoint holds (${checkpointsLine}).`,
    );
    io.out(
      `  After that, whoever held the log could have deleted, reordered or re-linked entries${countersigned ? '' : ' or invented them (countersignatures not checked)'} without it showing. Export the log again once the server has stored a newer checkpoint (it does after a minute of activity and when it drains), or pass a checkpoint of its whole length kept outside it (--expect-head).`,
    );
    return 1;
  }
  io.out(
    `NOT VERIFIED ${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${result.entries} entries.`,
  );
  for (const p of result.problems) {
    const line = p.position === null ? undefined : lineOf[p.position];
    const where =
      p.position === null
        ? ''
        : line === undefined
          ? ` (after the last entry, line ${lineOf.at(-1) ?? 0})`
          : ` (entry ${p.position + 1}, line ${line})`;
    io.out(`  ✗ ${p.code}${where}: ${p.message}`);
  }
  return 1;
}
