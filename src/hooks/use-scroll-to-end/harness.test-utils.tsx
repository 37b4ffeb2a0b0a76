'use client';
import type { CSSProperties } from 'react';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { useScrollToEnd } from './index';
import type { UseScrollToEndOptions, UseScrollToEndResult } from './index';

/** The Instadesk terms as plain paragraphs: enough text to need scrolling in a 300px area. */
export const TERMS_PARAGRAPHS: readonly string[] = terms
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean);

export interface ScrollHarnessProps {
  paragraphs?: readonly string[];
  /** Height of the scroll area. @default 300 */
  height?: number | string;
  options?: UseScrollToEndOptions;
  areaStyle?: CSSProperties;
  /** Render the end marker. @default true */
  endMarker?: boolean;
  /** Receives the hook's result after every render, for tests that call its functions. */
  onResult?: (result: UseScrollToEndResult) => void;
}

/** A fixed-height scroll area with the agreement, and the hook's state shown as text. */
export function ScrollHarness({
  paragraphs = TERMS_PARAGRAPHS,
  height = 300,
  options,
  areaStyle,
  endMarker = true,
  onResult,
}: ScrollHarnessProps) {
  const scroll = useScrollToEnd(options);
  onResult?.(scroll);
  return (
    <div>
      <div
        {...scroll.getScrollAreaProps({
          style: { height, overflowY: 'auto', position: 'relative', ...areaStyle },
        })}
      >
        {paragraphs.map((text, i) => (
          <p key={i}>{text}</p>
        ))}
        {endMarker && <div {...scroll.getEndMarkerProps()} />}
      </div>
      <output>{`Reached end: ${scroll.reachedEnd ? 'yes' : 'no'}`}</output>
      <output>{`Progress: ${Math.round(scroll.progress * 100)}%`}</output>
      <button type="button" onClick={() => scroll.scrollToEnd()}>
        Skip to the end
      </button>
    </div>
  );
}

/** Resolves after `n` animation frames: long enough for observers and batched updates. */
export function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });
}
