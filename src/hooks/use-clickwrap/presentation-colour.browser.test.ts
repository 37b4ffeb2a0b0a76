// The colour behind the statement when nothing on the page paints one: the canvas, which is the
// browser's dark colour when the page offers a dark scheme and the person prefers it.
import { afterEach, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { effectiveBackground } from './presentation-colour';

afterEach(async () => {
  document.querySelectorAll('meta[name="color-scheme"], [data-test-text]').forEach((el) => el.remove());
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
});

function transparentText(): HTMLElement {
  const p = document.createElement('p');
  p.dataset.testText = '';
  p.textContent = 'I agree to the Terms';
  document.body.append(p);
  return p;
}

it('takes an unpainted page as white only when its canvas cannot be dark', async () => {
  const before = { html: document.documentElement.style.background, body: document.body.style.background };
  document.documentElement.style.background = 'transparent';
  document.body.style.background = 'transparent';
  try {
    const text = transparentText();
    expect(effectiveBackground(text)).toEqual([255, 255, 255, 1]);
    const meta = document.createElement('meta');
    meta.name = 'color-scheme';
    meta.content = 'dark';
    document.head.append(meta);
    expect(effectiveBackground(text)).toBeNull();
    meta.content = 'light dark';
    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-color-scheme', value: 'light' }],
    });
    expect(effectiveBackground(text)).toEqual([255, 255, 255, 1]);
    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-color-scheme', value: 'dark' }],
    });
    expect(effectiveBackground(text)).toBeNull();
  } finally {
    document.documentElement.style.background = before.html;
    document.body.style.background = before.body;
  }
});
