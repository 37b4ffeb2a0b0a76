'use client';
import { useCallback, type CSSProperties, type HTMLAttributes } from 'react';
import { classNames } from './class-names';
import { useClickwrapConfig } from './context';

/** Joins class names: ours (`rcw-<part>`, left out when unstyled) and the caller's. */
export function useCx(): (
  part: string | null,
  ...extra: Array<string | false | undefined>
) => string | undefined {
  const { unstyled } = useClickwrapConfig('useCx');
  return useCallback((part, ...extra) => classNames(unstyled, part, ...extra), [unstyled]);
}

/** Visually hidden, still read by screen readers; inline so it works unstyled too. */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** A heading of a given level (1–6). */
export function Heading({ level, ...props }: { level: number } & HTMLAttributes<HTMLHeadingElement>) {
  const Tag = `h${Math.min(6, Math.max(1, Math.round(level)))}` as 'h2';
  return <Tag {...props} />;
}
