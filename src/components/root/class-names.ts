/**
 * A part's class names: ours (`rcw-<part>`, left out when unstyled or for no part) and the
 * caller's, or undefined when there are none. `useCx` binds `unstyled` from the root; the
 * modal's waiting dialog, which renders before the root has loaded, calls this directly.
 */
export function classNames(
  unstyled: boolean,
  part: string | null,
  ...extra: Array<string | false | undefined>
): string | undefined {
  const names = [unstyled || !part ? '' : `rcw-${part}`, ...extra].filter(Boolean);
  return names.length ? names.join(' ') : undefined;
}
