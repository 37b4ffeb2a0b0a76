'use client';
// Shared by the component tests (not a test file itself).
import axe from 'axe-core';
import { Component, type ReactNode } from 'react';
import { expect } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import terms from '../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../core/agreement';
import { showEnd } from '../internal/show-end.test-utils';
import type { ClickwrapAcknowledgement } from '../hooks/use-clickwrap';
import { en, format, type ClickwrapMessages } from '../messages';
import './styles.css';

export { showEnd };

export { terms };

export const agreement = parseAgreement({
  id: 'instadesk-terms',
  version: '2024-05-01',
  markdown: terms,
});

export const SIGNER = { id: 'user-1', name: 'Anna Berg' };

/** Two of the six call-center commitments (III 2.4), as required acknowledgements. */
export const COMMITMENTS: readonly ClickwrapAcknowledgement[] = [
  {
    id: 'call-center-1',
    label: 'The source of my outbound call data is legal and compliant and infringes no one’s rights.',
  },
  {
    id: 'call-center-2',
    label: 'I will not make harassing calls, and call customers only with their consent.',
  },
];

/** Runs axe on an element and fails with a readable list of violations. */
export async function expectNoAxeViolations(el: Element, label = ''): Promise<void> {
  // Colours are checked once transitions (hover, enabling) and the dialog's opening animation
  // have settled: mid-fade, axe sees the blended colours (a busy CI machine caught it at 2.7:1).
  // Endless animations (a spinner) are left alone.
  for (let round = 0; round < 5; round++) {
    const settling = document
      .getAnimations()
      .filter(
        (a) =>
          a.playState !== 'finished' &&
          Number.isFinite(a.effect?.getComputedTiming().endTime ?? Number.POSITIVE_INFINITY),
      );
    if (settling.length === 0) break;
    await Promise.all(settling.map((a) => a.finished.catch(() => undefined)));
    await frames(1);
  }
  const results = await axe.run(el, { resultTypes: ['violations'] });
  const lines = results.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact}): ${v.help}\n    at ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, '\n    ') ?? ''}`,
    ),
  );
  expect(lines, `axe violations${label ? ` (${label})` : ''}:\n${lines.join('\n')}`).toEqual([]);
}

export function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left <= 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });
}

/** The agreement's scroll region. */
export function agreementRegion(m: ClickwrapMessages = en) {
  return page.getByRole('region', {
    name: format(m.agreementLabel, { title: agreement.title }),
    exact: true,
  });
}

/** The agreement's scroll area, whatever the UI language. */
export function agreementElement(): HTMLElement {
  const el = document.querySelector<HTMLElement>('[role="region"][data-progress]');
  if (!el) throw new Error('No agreement scroll area is rendered.');
  return el;
}

/** Scrolls the agreement through, in steps, so every clause is seen and the end reached. */
export async function readAll(): Promise<void> {
  const area = agreementElement();
  area.style.scrollBehavior = 'auto';
  area.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  for (let top = 0; top < area.scrollHeight; top += Math.max(40, area.clientHeight / 3)) {
    area.scrollTop = top;
    await frames(2);
  }
  showEnd(area);
  await expect.element(area).toHaveAttribute('data-reached-end', '');
  area.style.scrollBehavior = '';
}

/** Jumps to the end at once (clauses in between are not seen). */
export async function scrollToEnd(): Promise<void> {
  const area = agreementElement();
  area.style.scrollBehavior = 'auto';
  showEnd(area);
  await expect.element(area).toHaveAttribute('data-reached-end', '');
  area.style.scrollBehavior = '';
}

/**
 * A real click that skips Playwright's actionability wait, which treats aria-disabled elements
 * as not enabled; people can (and should be able to) press them.
 */
export function press(locator: ReturnType<typeof page.getByRole>) {
  return userEvent.click(locator, { force: true });
}

export async function screenshot(name: string): Promise<void> {
  await frames(2);
  await page.screenshot({ path: `../../.tmp/${name}.png` });
}

/** Types a 'YYYY-MM-DD' date of birth into the day, month and year fields (in `scope`). */
export async function fillBirthDate(
  date: string,
  scope: Pick<typeof page, 'getByRole'> = page,
  m: ClickwrapMessages = en,
): Promise<void> {
  const [year = '', month = '', day = ''] = date.split('-');
  await userEvent.fill(scope.getByRole('textbox', { name: m.birthDateDayLabel, exact: true }), day);
  await userEvent.fill(scope.getByRole('textbox', { name: m.birthDateMonthLabel, exact: true }), month);
  await userEvent.fill(scope.getByRole('textbox', { name: m.birthDateYearLabel, exact: true }), year);
}

/** Presses Tab (or Shift+Tab) until `predicate` holds for the focused element. */
export async function tabUntil(
  predicate: (el: Element | null) => boolean,
  { shift = false, max = 150 } = {},
): Promise<HTMLElement> {
  for (let i = 0; i < max; i++) {
    if (predicate(document.activeElement)) return document.activeElement as HTMLElement;
    await userEvent.tab({ shift });
  }
  throw new Error(
    `tabUntil: gave up after ${max} presses; focus is on ${describeElement(document.activeElement)}`,
  );
}

export function describeElement(el: Element | null): string {
  if (!el) return 'nothing';
  const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40);
  return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}> "${name}"`;
}

/** Whether the element is the control labelled `name` (its label's text). */
export function isLabelled(name: string | RegExp) {
  return (el: Element | null): boolean => {
    if (!(el instanceof HTMLElement)) return false;
    const text =
      el.getAttribute('aria-label') ??
      ((el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim();
    return typeof name === 'string' ? text === name : name.test(text);
  };
}

/** A promise with its resolve and reject. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Shows a render error as an alert, as an app's error boundary would. */
export class AlertBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children;
  }
}

/**
 * What a screen reader would say by itself: each change of text inside a live region (aria-live
 * other than off, or role status, alert or log) that was already on the page, in order. A
 * region that arrives with its text is not counted: screen readers speak changes, not arrivals.
 */
export function recordAnnouncements() {
  const said: string[] = [];
  const live = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
  const last = new Map<Element, string>();
  for (const el of document.querySelectorAll(live)) last.set(el, el.textContent ?? '');
  const observer = new MutationObserver((records) => {
    // Per region, once per batch: its text changed, or a node with text was put in (the same
    // words again, in a new node, are said again).
    const touched = new Map<Element, boolean>();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      const region = target?.closest(live);
      if (!region || !last.has(region)) continue;
      const added = [...record.addedNodes].some((node) => (node.textContent ?? '').trim() !== '');
      touched.set(region, (touched.get(region) ?? false) || added);
    }
    for (const [region, added] of touched) {
      const text = region.textContent ?? '';
      if ((added || text !== last.get(region)) && text.trim() !== '') said.push(text);
      last.set(region, text);
    }
    // Regions that arrived since are heard from their next change on.
    for (const el of document.querySelectorAll(live)) if (!last.has(el)) last.set(el, el.textContent ?? '');
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  return {
    said,
    stop: () => {
      observer.takeRecords();
      observer.disconnect();
    },
  };
}
