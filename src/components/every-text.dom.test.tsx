// A catalogue an app loaded as JSON, or wrote for an earlier version, can lack texts added since:
// the clickwrap still renders, every control keeps its name (the missing texts in English), and
// in development a warning names what is missing. Rendered on the server, read in jsdom.
import { screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAgreement } from '../core/agreement';
import { ar, en, type ClickwrapMessages } from '../messages';
import { ClickwrapPage } from './index';

const agreement = parseAgreement({
  id: 'terms',
  version: '1',
  title: 'شروط الخدمة',
  markdown: '# شروط الخدمة\n\nلا نتحمل **أي مسؤولية** عن الأضرار.\n',
});

/** The Arabic catalogue from an earlier version: no Accept label, no agreement region label. */
function olderArabic(): ClickwrapMessages {
  const { accept: _accept, agreementLabel: _label, ...rest } = ar;
  return rest as unknown as ClickwrapMessages;
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('a catalogue that lacks texts', () => {
  it('renders the clickwrap with every control named, the missing texts in English, and says which', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = renderToString(
      <ClickwrapPage
        agreement={agreement}
        signer={{ id: 'user-1' }}
        messages={olderArabic()}
        onAccept={() => {}}
      />,
    );
    expect(screen.getByRole('button', { name: en.accept })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'شروط الخدمة, full text' })).toBeTruthy();
    // What was given stays as given.
    expect(screen.getByRole('button', { name: ar.decline })).toBeTruthy();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/catalogue "ar" lacks 2 texts \(agreementLabel, accept\)/),
    );
  });
});
