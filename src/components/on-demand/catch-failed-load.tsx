'use client';
import { Component, type ReactNode } from 'react';
import type { OnDemand } from './loader';

export interface CatchProps {
  part: OnDemand<unknown>;
  failed: (retry: () => void) => ReactNode;
  children: ReactNode;
}

/** Catches the failed load of `part` (and only that: an error rendering the loaded part goes on up). */
export class CatchFailedLoad extends Component<CatchProps, { error: { value: unknown } | null }> {
  override state: { error: { value: unknown } | null } = { error: null };

  static getDerivedStateFromError(value: unknown) {
    return { error: { value } };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (this.props.part.peek() !== null) throw error.value;
    return this.props.failed(() => {
      this.props.part.retry();
      this.setState({ error: null });
    });
  }
}
