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

/** Why `--keys` is given once: the second would be ignored, or a check made against another set. */
export const KEYS_ONCE =
  "the server's JWKS holds every key it signed with (the current one and those retired), so one file checks every record.";

/** The one value of an option that may be given once, or undefined; a usage mistake when repeated. */
export function single(args: Args, name: string, why: string): string | undefined {
  const values = args.options.get(name) ?? [];
  if (values.length > 1) throw new UsageError(`Give --${name} once: ${why}`);
  return values[0];
}

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}
