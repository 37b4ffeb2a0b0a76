/**
 * What the component stories' play functions do, as a person would: scroll the agreement, tick,
 * press Accept. Controls are found by role and accessible name, in the language the toolbar
 * chose, so a play function passes in English and in Chinese, left to right and right to left.
 */
import { expect, waitFor, within } from 'storybook/test';
import type { screen as documentScreen } from 'storybook/test';
import type { StoryContext } from '@storybook/react-vite';
import type { ClickwrapMessages } from '../../src';
import { documentTitles } from '../../src/messages';
import { showEnd } from '../../src/internal/show-end.test-utils';
import type { Agreement } from '../../src/core';
import { environmentFrom, fill } from '../environment';
import type { StoryEnvironment } from '../environment';

export { showEnd };

/** Testing Library's queries bound to an element (`within(…)`), fully typed. */
type Scope = Omit<typeof documentScreen, 'debug' | 'logTestingPlaygroundURL'>;
type UserEvent = StoryContext['userEvent'];

/** The person in a play function: where to look, what to press, in which language. */
export interface Person {
  /** Queries over the whole document: the modal renders in a portal on `document.body`. */
  screen: Scope;
  user: UserEvent;
  env: StoryEnvironment;
  m: ClickwrapMessages;
  agreement: Agreement;
  /** The agreement's scroll region. */
  region: () => HTMLElement;
  /** An additional document's scroll region, by its title. */
  documentRegion: (title: string) => HTMLElement;
  /** The assent checkbox. */
  assent: () => HTMLElement;
  /** Accept (or Retry, after a failed delivery). */
  accept: () => HTMLElement;
  decline: () => HTMLElement;
  /** The delivery status (a `status` live region). */
  status: () => HTMLElement;
  /** The themed root element (`data-state`, `data-reached-end`…). */
  root: () => HTMLElement;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Everything a play function needs, from its context. */
export function personIn(
  context: Pick<StoryContext, 'canvasElement' | 'userEvent' | 'globals'> & {
    args: { agreement?: Agreement; documents?: readonly { agreement: Agreement }[] };
    loaded?: { agreement?: Agreement };
  },
): Person {
  const env = environmentFrom(context.globals);
  const m = env.messages;
  const agreement = context.loaded?.agreement ?? context.args.agreement;
  if (!agreement) throw new Error('The story has no agreement in its args or loaders.');
  const screen = within(context.canvasElement.ownerDocument.body);
  const documentRegion = (title: string) =>
    screen.getByRole('region', { name: fill(m.agreementLabel, { title }) });
  const region = () => documentRegion(agreement.title);
  const titles = [agreement.title, ...(context.args.documents ?? []).map((d) => d.agreement.title)];
  return {
    screen,
    user: context.userEvent,
    env,
    m,
    agreement,
    region,
    documentRegion,
    assent: () =>
      screen.getByRole('checkbox', {
        name: fill(m.assentLabel, { title: documentTitles(m, titles, m.locale) }),
      }),
    accept: () =>
      screen.getByRole('button', { name: new RegExp(`^(${escape(m.accept)}|${escape(m.retry)})$`) }),
    decline: () => screen.getByRole('button', { name: m.decline }),
    status: () => screen.getByRole('status'),
    root: () => {
      const root = region().closest<HTMLElement>('[data-theme]');
      if (!root) throw new Error('The agreement is not inside a clickwrap root.');
      return root;
    },
  };
}

/** Waits for `n` animation frames (observers report once per frame). */
export function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left <= 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });
}

/**
 * Focuses the agreement and takes it to its end, as End or Page Down would. Keys sent by a script
 * are untrusted events, on which the browser does not scroll, so the region is scrolled directly;
 * the components measure the real scroll events.
 */
export async function scrollToEnd(p: Person): Promise<void> {
  const region = p.region();
  region.focus({ preventScroll: true });
  showEnd(region);
  await waitFor(() => expect(region).toHaveAttribute('data-reached-end'));
}

/** Scrolls through the agreement under half a screen at a time, so every key clause is on screen once. */
export async function readEveryClause(p: Person, region = p.region()): Promise<void> {
  // On screen first, as for a reader: a clause counts as seen only while it is visible.
  region.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  region.focus({ preventScroll: true });
  const step = Math.max(40, region.clientHeight * 0.45);
  for (let top = 0; top < region.scrollHeight; top += step) {
    region.scrollTo({ top, behavior: 'instant' });
    await frames(2);
  }
  showEnd(region);
  await waitFor(() => expect(region).toHaveAttribute('data-reached-end'));
  await waitFor(() => expect(region.querySelectorAll('[data-key-clause]:not([data-seen])')).toHaveLength(0));
}

/** Ticks the assent checkbox. */
export async function tickAssent(p: Person): Promise<void> {
  const assent = p.assent();
  await p.user.click(assent);
  await expect(assent).toBeChecked();
}

/** Reads to the end and ticks the assent: Accept is then available. */
export async function getReady(p: Person): Promise<void> {
  await scrollToEnd(p);
  await tickAssent(p);
  await waitFor(() => expect(p.accept()).not.toHaveAttribute('aria-disabled'));
}

/** Presses Accept. */
export async function pressAccept(p: Person): Promise<void> {
  await p.user.click(p.accept());
}

/** The reasons listed under "Before you can accept:", as shown. */
export function reasonsShown(p: Person): string[] {
  const heading = p.screen.queryByText(p.m.missingHeading);
  const items = heading?.parentElement?.querySelectorAll('ul > li') ?? [];
  return Array.from(items, (li) => li.textContent ?? '');
}

/** A promise that never settles: `onAccept` that keeps the receipt "submitting". */
export function never(): Promise<never> {
  return new Promise(() => {});
}

/** What a failed delivery rejects with in the stories. */
export const DELIVERY_ERROR = 'The server could not be reached (HTTP 503).';

/** Props that take objects or functions: set by the stories, not typed into Controls. */
export const objectArgTypes = {
  agreement: { control: false },
  messages: { control: false },
  guardian: { control: false },
  acknowledgements: { control: false },
  scroll: { control: false },
  keyClauses: { control: false },
  replaces: { control: false },
  assentCheckboxProps: { control: false },
  children: { control: false },
} as const;
