/** A small argument parser: positional arguments and `--name value` options (repeatable). */

/** Parsed arguments. */
export interface Args {
  /** Positional arguments, in order. */
  positional: string[];
  /** Options by name (without `--`), every value given, in order. */
  options: Map<string, string[]>;
  /** Flags given without a value. */
  flags: Set<string>;
}

/**
 * Parses `argv`: `valued` lists the options that take a value, `flags` those that take none.
 * Any other option is a usage mistake: a mistyped flag must not silently skip a check.
 */
export function parseArgs(
  argv: readonly string[],
  valued: readonly string[],
  flags: readonly string[] = [],
): Args {
  const args: Args = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      args.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value.`);
      args.flags.add(name);
      continue;
    }
    if (!valued.includes(name)) {
      const known = [...valued, ...flags].map((n) => `--${n}`).join(', ');
      throw new UsageError(`Unknown option "--${name}" (this command takes ${known}).`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value.`);
    args.options.set(name, [...(args.options.get(name) ?? []), value]);
  }
  return args;
}

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}
