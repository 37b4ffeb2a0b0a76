'use client';
import { Component, type ReactNode } from 'react';
import type { OnDemand } from './loader';

export interface CatchProps {
  /** The part loaded on demand, or the parts (a failure to load any of them is caught). */
  part: OnDemand<unknown> | readonly OnDemand<unknown>[];
  failed: (retry: () => void) => ReactNode;
  children: ReactNode;
}

/** Catches the failed load of `part` (and only that: an error rendering the loaded part goes on up). */
const partsOf = (part: CatchProps['part']): readonly OnDemand<unknown>[] =>
  Array.isArray(part) ? part : [part as OnDemand<unknown>];

export class CatchFailedLoad extends Component<CatchProps, { error: { value: unknown } | null }> {
  override state: { error: { value: unknown } | null } = { error: null };

  static getDerivedStateFromError(value: unknown) {
    return { error: { value } };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const parts = partsOf(this.props.part);
    // Every part is there: the error is the loaded part's own, not a failed load.
    if (parts.every((part) => part.peek() !== null)) throw error.value;
    return this.props.failed(() => {
      for (const part of parts) part.retry();
      this.setState({ error: null });
    });
  }
}
