'use client';
import { Component, type ReactNode } from 'react';
import type { OnDemand } from './loader';

export interface CatchProps {
  /** The part loaded on demand, or the parts (a failure to load any of them is caught). */
  part: OnDemand<unknown> | readonly OnDemand<unknown>[];
  failed: (retry: () => void) => ReactNode;
  children: ReactNode;
}

const partsOf = (part: CatchProps['part']): readonly OnDemand<unknown>[] =>
  Array.isArray(part) ? part : [part as OnDemand<unknown>];

/**
 * Catches the failed load of `part` (and only that: any other error, from the loaded part or from
 * what renders beside it before it has loaded, goes on up).
 */
export class CatchFailedLoad extends Component<CatchProps, { error: { value: unknown } | null }> {
  override state: { error: { value: unknown } | null } = { error: null };

  static getDerivedStateFromError(value: unknown) {
    return { error: { value } };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const parts = partsOf(this.props.part);
    if (!parts.some((part) => part.isLoadError(error.value))) throw error.value;
    return this.props.failed(() => {
      for (const part of parts) part.retry();
      this.setState({ error: null });
    });
  }
}
