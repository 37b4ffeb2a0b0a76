'use client';
// What "Your consents" (consent-settings.tsx) and its withdrawals (consent-withdrawals.tsx) both
// draw with: here, so neither file imports the other's helpers.
import { createElement, type HTMLAttributes, type Ref } from 'react';

/** The `rcw-` class of a part, with the caller's classes after it; none of ours when unstyled. */
export type PartClass = (part: string, extra?: string) => string | undefined;

/** The part classes of a view: `rcw-<part>`, or only the caller's classes when `unstyled`. */
export const partClass =
  (unstyled: boolean): PartClass =>
  (part, extra) =>
    [unstyled ? '' : `rcw-${part}`, extra].filter(Boolean).join(' ') || undefined;

/** A heading of a level (1–6); a host element, so a ref reaches it in React 18 too. */
export const Heading = ({
  level,
  innerRef,
  ...props
}: { level: number; innerRef?: Ref<HTMLHeadingElement> } & HTMLAttributes<HTMLHeadingElement>) =>
  createElement(`h${Math.min(6, Math.max(1, Math.round(level)))}`, { ...props, ref: innerRef });

/** A server time (ISO 8601) as the UI's language writes a date and time; '' for none. */
export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }
}
