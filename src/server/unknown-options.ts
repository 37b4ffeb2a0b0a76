/** The first key of `options` not in `names` (a misspelt option, which would be ignored), or undefined. */
export function unknownOption(options: unknown, names: readonly string[]): string | undefined {
  return typeof options === 'object' && options !== null
    ? Object.keys(options).find((name) => !names.includes(name))
    : undefined;
}

/**
 * Throws a TypeError that names an option `fn` does not take, and those it does: a misspelt
 * option (`{ filename }` for `{ path }`, `basepath`) would otherwise be ignored, its default left
 * in force unseen.
 */
export function refuseUnknownOptions(fn: string, options: unknown, names: readonly string[]): void {
  const unknown = unknownOption(options, names);
  if (unknown !== undefined)
    throw new TypeError(`${fn}: unknown option ${JSON.stringify(unknown)} (it takes ${names.join(', ')}).`);
}
