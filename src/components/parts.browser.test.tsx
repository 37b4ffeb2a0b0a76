'use client';
import { Component, Profiler, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { verifyReceipt } from '../core/receipt';
import type { ConsentReceipt } from '../core/types';
import { AgreementView } from './agreement-view';
import { AssentControls } from './assent-controls';
import { ClickwrapRoot, type ClickwrapRootProps } from './context';
import { KeyClauseSummary } from './key-clause-summary';
import { en, format } from '../messages';
import { ReadingProgress } from './reading-progress';
import { TableOfContents } from './table-of-contents';
import { Acknowledgements } from './acknowledgements';
import { GuardianForm } from './guardian-form';
import { OrganizationForm } from './organization-form';
import {
  agreement,
  agreementElement,
  COMMITMENTS,
  expectNoAxeViolations,
  fillBirthDate,
  frames,
  readAll,
  scrollToEnd,
  SIGNER,
  terms,
} from './test-utils.test-utils';

class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children;
  }
}

function CustomLayout(props: Partial<ClickwrapRootProps> & { onRender?: () => void }) {
  const { onRender, ...rest } = props;
  return (
    <ClickwrapRoot
      agreement={agreement}
      signer={SIGNER}
      onAccept={() => {}}
      theme="light"
      className="my-layout"
      {...rest}
    >
      <main>
        <h1>Before you continue</h1>
        <TableOfContents />
        <ReadingProgress className="my-progress" />
        <Profiler id="agreement" onRender={() => onRender?.()}>
          <AgreementView style={{ blockSize: 300 }} />
        </Profiler>
        <KeyClauseSummary />
        <GuardianForm />
        <OrganizationForm />
        <Acknowledgements />
        <AssentControls />
      </main>
    </ClickwrapRoot>
  );
}

beforeEach(async () => {
  await page.viewport(1024, 800);
  vi.spyOn(console, 'error');
});

afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('a custom layout built from the parts', () => {
  it('behaves like the packaged components and ends in a verified receipt', async () => {
    const onAccept = vi.fn<(r: ConsentReceipt) => void>();
    const screen = await render(
      <CustomLayout onAccept={onAccept} acknowledgements={COMMITMENTS} organization locale="en-GB" />,
    );
    await expectNoAxeViolations(screen.container, 'initial');
    const accept = page.getByRole('button', { name: en.accept, exact: true });
    await expect.element(accept).toHaveAttribute('aria-disabled', 'true');
    await expect.element(accept).toHaveAccessibleDescription(/Scroll to the end/);
    await readAll();
    await userEvent.fill(page.getByLabelText(en.organizationNameLabel), 'Acme Ltd');
    await userEvent.fill(page.getByLabelText(en.signerAuthorityLabel), 'Owner');
    for (const ack of COMMITMENTS) await userEvent.click(page.getByLabelText(ack.label));
    await userEvent.click(
      page.getByRole('checkbox', {
        name: format(en.assentLabel, { title: format(en.documentTitle, { title: agreement.title }) }),
      }),
    );
    await userEvent.click(accept);
    await expect.element(page.getByRole('status')).toHaveTextContent(en.accepted);
    const receipt = onAccept.mock.calls[0]![0];
    expect(await verifyReceipt(receipt, terms)).toMatchObject({ ok: true });
    expect(receipt.uiVariant).toBe('custom');
    expect(receipt.locale).toBe('en-GB');
    expect(document.querySelector('.my-layout')?.getAttribute('lang')).toBe('en-GB');
    expect(receipt.reading.keyClausesSeen).toHaveLength(agreement.keyClauses.length);
    await expectNoAxeViolations(screen.container, 'accepted');
  });

  it('exposes every state as data attributes, and className on every part', async () => {
    await render(<CustomLayout guardian={{ today: '2025-06-01' }} />);
    const root = document.querySelector('.my-layout') as HTMLElement;
    expect(root.classList.contains('rcw-root')).toBe(true);
    expect(root.dataset).toMatchObject({ state: 'idle', theme: 'light' });
    expect(root.hasAttribute('data-reached-end')).toBe(false);
    expect(root.hasAttribute('data-can-accept')).toBe(false);
    expect(document.querySelector('.my-progress')?.classList.contains('rcw-progress')).toBe(true);
    await scrollToEnd();
    await expect.element(root).toHaveAttribute('data-reached-end', '');
    await fillBirthDate('2012-03-04');
    await expect.element(root).toHaveAttribute('data-minor', '');
  });

  it('never re-renders the agreement view while the reader scrolls through it', async () => {
    const onRender = vi.fn();
    await render(<CustomLayout onRender={onRender} />);
    await frames(5);
    onRender.mockClear();
    await readAll();
    // Everything that follows reading is still up to date…
    await expect
      .element(page.getByRole('progressbar', { name: en.progressLabel }))
      .toHaveAttribute('aria-valuenow', '100');
    const area = agreementElement();
    expect(area.getAttribute('data-progress')).toBe('100');
    const clauses = area.querySelectorAll('[data-key-clause]');
    expect(clauses).toHaveLength(agreement.keyClauses.length);
    for (const clause of clauses) expect(clause.hasAttribute('data-seen')).toBe(true);
    await expect.element(page.getByText(format(en.keyClausesCount, { seen: 45, total: 45 }))).toBeVisible();
    // …with no React commit inside the agreement view.
    expect(onRender).not.toHaveBeenCalled();
  });

  it('announces the end of the agreement once, politely', async () => {
    await render(<CustomLayout />);
    const live = document.querySelector('.rcw-progress [aria-live="polite"]') as HTMLElement;
    expect(live.textContent).toBe('');
    await scrollToEnd();
    await expect.element(live).toHaveTextContent(en.reachedEnd);
    const changes: string[] = [];
    const observer = new MutationObserver(() => changes.push(live.textContent ?? ''));
    observer.observe(live, { childList: true, subtree: true, characterData: true });
    const area = agreementElement();
    area.scrollTop = 0;
    await frames(3);
    area.scrollTop = area.scrollHeight;
    await frames(3);
    observer.disconnect();
    expect(changes).toEqual([]);
    expect(document.querySelectorAll('[aria-live]').length).toBeGreaterThan(0);
  });

  it('in unstyled mode renders no rcw- classes (styles.css styles nothing)', async () => {
    const screen = await render(<CustomLayout unstyled />);
    const withClasses = [...screen.container.querySelectorAll('[class]')].filter((el) =>
      [...el.classList].some((c) => c.startsWith('rcw-')),
    );
    expect(withClasses.map((el) => el.outerHTML.slice(0, 60))).toEqual([]);
    // The state is still there to style.
    expect(document.querySelector('.my-layout')?.getAttribute('data-state')).toBe('idle');
    expect(getComputedStyle(agreementElement()).overflowY).toBe('visible');
  });

  it('throws a clear message when a part is used outside a root', async () => {
    // React reports the error the boundary catches; that report is expected here.
    vi.mocked(console.error).mockImplementation(() => {});
    await render(
      <Boundary>
        <ReadingProgress />
      </Boundary>,
    );
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('<ReadingProgress> must be used inside <ClickwrapRoot>');
    // React logs caught render errors; that is expected here.
    vi.mocked(console.error).mockClear();
  });
});

describe('given the key-clause highlight', () => {
  it('marks every bolded clause in the text, and only those', async () => {
    await render(<CustomLayout />);
    const area = agreementElement();
    const highlighted = [...area.querySelectorAll('.rcw-key-clause')];
    expect(highlighted.map((el) => el.getAttribute('data-key-clause'))).toEqual(
      agreement.keyClauses.map((c) => c.id),
    );
    for (const el of highlighted) expect(el.querySelector('strong')).not.toBeNull();
    const style = getComputedStyle(highlighted[0]!);
    expect(style.backgroundColor).not.toBe(getComputedStyle(area).backgroundColor);
  });

  it('nests the agreement’s headings under the layout’s and gives them ids for the contents', async () => {
    await render(<CustomLayout />);
    const nav = page.getByRole('navigation', { name: en.tocLabel });
    const first = agreement.sections.find((s) => s.depth === 2)!;
    const link = nav.getByRole('link', { name: first.title });
    const href = link.element().getAttribute('href')!;
    const heading = document.getElementById(decodeURIComponent(href.slice(1)))!;
    expect(heading.tagName).toBe('H3');
    expect(heading.textContent).toBe(first.title);
  });
});
