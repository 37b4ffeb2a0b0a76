'use client';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { AgreementView } from './agreement-view';
import { ClickwrapRoot } from './context';
import { ReadingProgress } from './reading-progress';
import { agreement, agreementRegion, scrollToEnd, SIGNER } from './test-utils.test-utils';

// AgreementView joins the forwarded ref and the scroll area's own ref in one stable callback
// ref: the caller's ref must get the region, and the hook must still observe it.
describe('AgreementView ref', () => {
  let unmount: (() => void) | undefined;
  afterEach(() => unmount?.());

  it('gives the caller the scroll region while reading is still tracked', async () => {
    const ref = createRef<HTMLDivElement>();
    const screen = await render(
      <ClickwrapRoot agreement={agreement} signer={SIGNER} onAccept={() => {}} theme="light">
        <ReadingProgress />
        <AgreementView ref={ref} style={{ blockSize: 240 }} />
      </ClickwrapRoot>,
    );
    unmount = () => screen.unmount();
    await expect.element(agreementRegion()).toBeVisible();
    expect(ref.current).toBe(agreementRegion().element());

    await scrollToEnd();
    await expect.element(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');

    screen.unmount();
    unmount = undefined;
    expect(ref.current).toBeNull();
  });
});
