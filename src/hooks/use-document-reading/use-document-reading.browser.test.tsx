'use client';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import privacyMarkdown from '../../../agreements/example-privacy-policy.md?raw';
import terms from '../../../agreements/instadesk-terms.md?raw';
import { parseAgreement } from '../../core/agreement';
import { verifyReceipt } from '../../core/receipt';
import type { Agreement, ConsentReceipt } from '../../core/types';
import { useClickwrap, type UseClickwrapOptions } from '../use-clickwrap';
import { blocksOf, SIGNER } from '../use-clickwrap/harness.test-utils';
import type { UseKeyClausesResult } from '../use-key-clauses';
import type { UseScrollToEndResult } from '../use-scroll-to-end';
import { useDocumentReading } from './index';

const agreement = parseAgreement({ id: 'instadesk-terms', version: '1', markdown: terms });
const privacy = parseAgreement({ id: 'privacy-policy', version: '3', markdown: privacyMarkdown });
const MARKETING = { id: 'marketing-email', label: 'Send me product news by e-mail' };

/** One document's scroll area, built from the prop getters as an app would. */
function DocumentArea({
  doc,
  scroll,
  keyClauses,
  label,
}: {
  doc: Agreement;
  scroll: UseScrollToEndResult;
  keyClauses: UseKeyClausesResult;
  label: string;
}) {
  return (
    <div
      {...scroll.getScrollAreaProps({
        'aria-label': label,
        style: { height: 200, overflowY: 'auto' as const },
      })}
    >
      {blocksOf(doc).map((block, i) =>
        block.clauseIds[0] ? (
          <p key={i} {...keyClauses.getClauseProps(block.clauseIds[0])}>
            {block.text}
          </p>
        ) : (
          <p key={i}>{block.text}</p>
        ),
      )}
      <div {...scroll.getEndMarkerProps()} />
    </div>
  );
}

function TwoDocuments(props: Partial<UseClickwrapOptions> & { onAccept: UseClickwrapOptions['onAccept'] }) {
  const privacyReading = useDocumentReading(privacy);
  const cw = useClickwrap({
    agreement,
    signer: SIGNER,
    optionalConsents: [MARKETING],
    documents: [{ agreement: privacy, reading: privacyReading.reading }],
    ...props,
  });
  return (
    <main>
      <DocumentArea doc={agreement} scroll={cw.scroll} keyClauses={cw.keyClauses} label="Terms" />
      <DocumentArea
        doc={privacy}
        scroll={privacyReading.scroll}
        keyClauses={privacyReading.keyClauses}
        label="Privacy policy"
      />
      <label>
        <input {...cw.getOptionalConsentCheckboxProps(MARKETING.id)} />
        {MARKETING.label}
      </label>
      <label>
        <input {...cw.getAssentCheckboxProps()} />I agree
      </label>
      <button {...cw.getAcceptButtonProps()}>Accept</button>
      <ul {...cw.getMissingProps()}>
        {cw.missing.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </main>
  );
}

const area = (name: string) => page.getByRole('region', { name });
async function readToEnd(name: string) {
  const el = area(name).element() as HTMLElement;
  for (let top = 0; top <= el.scrollHeight; top += 60) {
    el.scrollTop = top;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
  await expect.element(area(name)).toHaveAttribute('data-reached-end', '');
}

beforeEach(async () => {
  await page.viewport(1000, 1400);
  vi.spyOn(console, 'error');
});
afterEach(() => {
  expect(console.error).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('useDocumentReading with useClickwrap', () => {
  it('gates one accept on both documents and records both in one receipt', async () => {
    const onAccept = vi.fn(async (_receipt: ConsentReceipt) => {});
    await render(<TwoDocuments onAccept={onAccept} />);
    await readToEnd('Terms');
    await userEvent.click(page.getByRole('checkbox', { name: 'I agree' }));
    await expect.element(page.getByText('Scroll to the end of the Example Privacy Policy.')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Accept' }), { force: true });
    expect(onAccept).not.toHaveBeenCalled();

    await readToEnd('Privacy policy');
    await expect.element(page.getByRole('button', { name: 'Accept' })).not.toHaveAttribute('aria-disabled');
    await userEvent.click(page.getByRole('button', { name: 'Accept' }));
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    const receipt = onAccept.mock.calls[0]![0];
    expect(receipt.additionalDocuments).toEqual([
      expect.objectContaining({
        id: 'privacy-policy',
        version: '3',
        reading: expect.objectContaining({
          required: 'whole',
          reachedEnd: true,
          reachedEndAt: expect.any(String),
          keyClausesTotal: privacy.keyClauses.length,
        }),
      }),
    ]);
    expect(receipt.additionalDocuments[0]!.reading.keyClausesSeen.length).toBeGreaterThan(0);
    expect(receipt.optionalConsents).toEqual([{ ...MARKETING, granted: false, at: null }]);
    const verification = await verifyReceipt(receipt, terms, {
      additionalDocuments: { 'privacy-policy': privacyMarkdown },
    });
    expect(verification).toEqual({ ok: true, problems: [] });
  });

  it('never pre-ticks an optional consent, even when asked to, and says why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    function PreTicked() {
      const cw = useClickwrap({
        agreement,
        signer: SIGNER,
        onAccept: () => {},
        optionalConsents: [MARKETING],
      });
      return (
        <label>
          <input {...cw.getOptionalConsentCheckboxProps(MARKETING.id, { defaultChecked: true })} />
          {MARKETING.label}
        </label>
      );
    }
    await render(<PreTicked />);
    const box = page.getByRole('checkbox', { name: MARKETING.label });
    await expect.element(box).not.toBeChecked();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/never pre-ticked/));
    await userEvent.click(box);
    await expect.element(box).toBeChecked();
    await expect.element(box).toHaveAttribute('data-state', 'checked');
  });

  it('throws a clear error for an optional consent id it was not given', async () => {
    function Wrong() {
      const cw = useClickwrap({
        agreement,
        signer: SIGNER,
        onAccept: () => {},
        optionalConsents: [MARKETING],
      });
      return <input {...cw.getOptionalConsentCheckboxProps('newsletter')} />;
    }
    vi.mocked(console.error).mockImplementation(() => {});
    await expect(render(<Wrong />)).rejects.toThrow(
      /no optional consent has the id "newsletter".*"marketing-email"/,
    );
    vi.mocked(console.error).mockClear();
  });

  it('records a re-consent that required only the changes, with the changes seen', async () => {
    const onAccept = vi.fn(async (_receipt: ConsentReceipt) => {});
    function Changes() {
      const cw = useClickwrap({
        agreement,
        signer: SIGNER,
        onAccept,
        replaces: { version: '0' },
        changes: { seen: ['a', 'b', 'a'], total: 2, required: true },
      });
      return (
        <>
          <label>
            <input {...cw.getAssentCheckboxProps()} />I agree
          </label>
          <button {...cw.getAcceptButtonProps()}>Accept</button>
        </>
      );
    }
    await render(<Changes />);
    // Not scrolled at all: with changes.required, the end is not required.
    await userEvent.click(page.getByRole('checkbox', { name: 'I agree' }));
    await userEvent.click(page.getByRole('button', { name: 'Accept' }));
    await vi.waitFor(() => expect(onAccept).toHaveBeenCalledTimes(1));
    expect(onAccept.mock.calls[0]![0].reading).toMatchObject({
      required: 'changes',
      reachedEnd: false,
      changesSeen: ['a', 'b'],
      changesTotal: 2,
    });
  });
});
